package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atomstack.api.backend.Availability;
import org.junit.jupiter.api.Test;

/** Choosing the platform: Java version, operating system, and the multi-release part. */
class CudaPlatformsTest {
    private static final CudaSettings DEFAULTS = CudaSettings.defaults();

    @Test
    void onJava21TheBackendIsUnavailableNamingTheJavaItNeeds() {
        CudaPlatform p = CudaPlatforms.load(DEFAULTS, 21, "Linux", CudaPlatforms.IMPLEMENTATION);
        Availability a = p.availability();
        assertFalse(a.available());
        assertEquals("needs Java >= 22 for the foreign-function & memory API (running on Java 21)", a.detail());
        IllegalStateException e = assertThrows(IllegalStateException.class, p::open);
        assertTrue(e.getMessage().contains("needs Java >= 22"), e.getMessage());
    }

    @Test
    void onlyLinuxIsSupported() {
        Availability a = CudaPlatforms.load(DEFAULTS, 25, "Windows 11", CudaPlatforms.IMPLEMENTATION).availability();
        assertFalse(a.available());
        assertEquals("supports Linux only (os.name is 'Windows 11')", a.detail());
    }

    @Test
    void aJarWithoutItsJava22PartSaysSo() {
        Availability a = CudaPlatforms.load(DEFAULTS, 25, "Linux", "org.atomstack.backend.cuda.internal.NoSuchPlatform").availability();
        assertFalse(a.available());
        assertTrue(a.detail().startsWith("this build of backend-cuda lacks its Java 22 part (META-INF/versions/22)"), a.detail());
    }

    @Test
    void aClassThatIsNoPlatformIsReportedNotThrown() {
        Availability a = CudaPlatforms.load(DEFAULTS, 25, "Linux", "java.lang.String").availability();
        assertFalse(a.available());
        assertTrue(a.detail().startsWith("the Java 22 part of backend-cuda failed to load"), a.detail());
    }
}
