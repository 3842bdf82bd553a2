package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.atomstack.api.backend.Availability;
import org.atomstack.testkit.PluginProviderContract;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The plugin-provider contract for {@link CudaBackendProvider}, and its availability on this machine. */
class CudaBackendProviderTest extends PluginProviderContract<CudaBackendProvider> {
    @Override
    protected CudaBackendProvider provider() {
        return new CudaBackendProvider();
    }

    @Test
    void isAnAcceleratorPreferredOverTheCpu() {
        assertEquals("cuda", provider().id());
        assertEquals(10, provider().priority());
    }

    @Test
    void availabilityIsProbedOnceAndNeverThrows() {
        CudaBackendProvider p = provider();
        Availability a = p.availability();
        assertSame(a, p.availability());
        assertFalse(a.detail().isBlank());
    }

    @Test
    void withoutADriverItSaysSoAndOpenThrowsTheReason() {
        LibraryLocator l = LibraryLocator.system();
        Assumptions.assumeTrue(l.find(List.of("libcuda.so.1", "libcuda.so"), l.driverDirectories()).found().isEmpty(),
            "this machine has an NVIDIA driver");
        Assumptions.assumeTrue(System.getProperty("atomstack.cuda.driver") == null, "-Datomstack.cuda.driver names a driver");
        Availability a = provider().availability();
        assertFalse(a.available());
        String expected = Runtime.version().feature() < 22 ? "needs Java >= 22"
            : EmulatedDevice.java22PartPresent() ? "no NVIDIA driver: libcuda.so.1 / libcuda.so not found (searched "
            : "this build of backend-cuda lacks its Java 22 part";
        assertTrue(a.detail().startsWith(expected), a.detail());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider().open());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void malformedSettingsMakeItUnavailableInsteadOfThrowing() {
        String old = System.getProperty("atomstack.cuda.kernels");
        System.setProperty("atomstack.cuda.kernels", "sometimes");
        try {
            Availability a = provider().availability();
            assertFalse(a.available());
            assertTrue(a.detail().contains("-Datomstack.cuda.kernels must be auto|prebuilt|nvrtc"), a.detail());
        } finally {
            if (old == null) {
                System.clearProperty("atomstack.cuda.kernels");
            } else {
                System.setProperty("atomstack.cuda.kernels", old);
            }
        }
    }
}
