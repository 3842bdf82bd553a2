package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code atomstack.cuda.*} system properties. */
class CudaSettingsTest {
    @Test
    void defaultsSearchEverythingOnDeviceZero() {
        assertEquals(CudaSettings.defaults(), CudaSettings.from(name -> null));
        CudaSettings d = CudaSettings.defaults();
        assertEquals(Optional.empty(), d.driver());
        assertEquals(0, d.device());
        assertEquals(CudaSettings.Kernels.AUTO, d.kernels());
        assertEquals(CudaSettings.Gemm.AUTO, d.gemm());
    }

    @Test
    void readsEveryProperty() {
        Map<String, String> p = Map.of("atomstack.cuda.driver", "/x/libcuda.so.1", "atomstack.cuda.cublas", " /y/libcublas.so.13 ",
            "atomstack.cuda.nvrtc", "/z/libnvrtc.so.13", "atomstack.cuda.device", "2", "atomstack.cuda.kernels", "NvRtc",
            "atomstack.cuda.gemm", "kernel");
        CudaSettings s = CudaSettings.from(p::get);
        assertEquals(Optional.of(Path.of("/x/libcuda.so.1")), s.driver());
        assertEquals(Optional.of(Path.of("/y/libcublas.so.13")), s.cublas());
        assertEquals(Optional.of(Path.of("/z/libnvrtc.so.13")), s.nvrtc());
        assertEquals(2, s.device());
        assertEquals(CudaSettings.Kernels.NVRTC, s.kernels());
        assertEquals(CudaSettings.Gemm.KERNEL, s.gemm());
    }

    @Test
    void malformedValuesAreRejectedNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CudaSettings.from(Map.of("atomstack.cuda.gemm", "fast")::get));
        assertTrue(e.getMessage().contains("-Datomstack.cuda.gemm must be auto|cublas|kernel, got 'fast'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CudaSettings.from(Map.of("atomstack.cuda.device", "first")::get));
        assertTrue(e.getMessage().contains("-Datomstack.cuda.device"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CudaSettings.from(Map.of("atomstack.cuda.device", "-1")::get));
    }
}
