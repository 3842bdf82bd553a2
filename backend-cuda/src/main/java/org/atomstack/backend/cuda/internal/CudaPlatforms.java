package org.atomstack.backend.cuda.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * Finds the CUDA platform for this runtime. The native binding needs the foreign-function &amp;
 * memory API (final in Java 22), so it is compiled into the jar's {@code META-INF/versions/22}
 * and loaded here by name: on Java 21 it is never touched, and where it is missing (a jar built
 * by a JDK older than 22, or a jar not read as multi-release) the reason says so. Stateless.
 */
final class CudaPlatforms {
    /** The Java 22 implementation of {@link CudaPlatform}. */
    static final String IMPLEMENTATION = "org.atomstack.backend.cuda.internal.FfmCudaPlatform";
    /** The first Java feature release with a final foreign-function &amp; memory API. */
    static final int REQUIRED_JAVA = 22;

    private CudaPlatforms() {
    }

    /** The platform for this JVM with the given settings; never throws. */
    static CudaPlatform load(CudaSettings settings) {
        return load(settings, Runtime.version().feature(), System.getProperty("os.name", ""), IMPLEMENTATION);
    }

    /**
     * The platform for a JVM of feature release {@code javaFeature} on {@code osName}, loading
     * {@code implementation} by name (parameters for tests).
     */
    static CudaPlatform load(CudaSettings settings, int javaFeature, String osName, String implementation) {
        if (javaFeature < REQUIRED_JAVA) {
            return new CudaPlatform.Unavailable("needs Java >= " + REQUIRED_JAVA
                + " for the foreign-function & memory API (running on Java " + javaFeature + ")");
        }
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new CudaPlatform.Unavailable("supports Linux only (os.name is '" + osName + "')");
        }
        try {
            Class<?> type = Class.forName(implementation, true, CudaPlatforms.class.getClassLoader());
            return (CudaPlatform) type.getDeclaredConstructor(CudaSettings.class).newInstance(settings);
        } catch (ClassNotFoundException e) {
            return new CudaPlatform.Unavailable("this build of backend-cuda lacks its Java " + REQUIRED_JAVA
                + " part (META-INF/versions/" + REQUIRED_JAVA + "): it was built by a JDK older than " + REQUIRED_JAVA
                + ", or the jar is not read as a multi-release jar");
        } catch (InvocationTargetException e) {
            return new CudaPlatform.Unavailable("the Java " + REQUIRED_JAVA + " part of backend-cuda failed to start: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return new CudaPlatform.Unavailable("the Java " + REQUIRED_JAVA + " part of backend-cuda failed to load: " + e);
        }
    }
}
