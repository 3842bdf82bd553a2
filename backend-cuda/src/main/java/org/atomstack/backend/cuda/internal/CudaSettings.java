package org.atomstack.backend.cuda.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How the CUDA backend finds its native libraries and which engines it uses. The provider reads
 * them from system properties ({@link #fromSystemProperties}); tests build them directly, for
 * instance to point {@link #driver()} at the emulated device.
 *
 * @param driver  libcuda to load instead of searching ({@code -Datomstack.cuda.driver=PATH})
 * @param cublas  libcublas to load instead of searching ({@code -Datomstack.cuda.cublas=PATH})
 * @param nvrtc   libnvrtc to load instead of searching ({@code -Datomstack.cuda.nvrtc=PATH})
 * @param device  device ordinal ({@code -Datomstack.cuda.device=N}, default 0)
 * @param kernels where kernels come from ({@code -Datomstack.cuda.kernels=auto|prebuilt|nvrtc})
 * @param gemm    which GEMM runs ({@code -Datomstack.cuda.gemm=auto|cublas|kernel})
 */
record CudaSettings(Optional<Path> driver, Optional<Path> cublas, Optional<Path> nvrtc, int device, Kernels kernels, Gemm gemm) {
    /** Source of the device code. */
    enum Kernels {
        /** The prebuilt image (SASS or PTX) that fits the device, else NVRTC. */
        AUTO,
        /** Only the prebuilt images in the jar. */
        PREBUILT,
        /** Always compile the bundled CUDA source with NVRTC. */
        NVRTC
    }

    /** The matrix-product engine. */
    enum Gemm {
        /** cuBLAS when it loads, else the backend's own kernel. */
        AUTO,
        /** cuBLAS, and the backend is unavailable without it. */
        CUBLAS,
        /** Always the backend's own kernel. */
        KERNEL
    }

    /** Validates the fields. */
    CudaSettings {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(cublas, "cublas");
        Objects.requireNonNull(nvrtc, "nvrtc");
        Objects.requireNonNull(kernels, "kernels");
        Objects.requireNonNull(gemm, "gemm");
        if (device < 0) {
            throw new IllegalArgumentException("CUDA device ordinal must be >= 0, got " + device);
        }
    }

    /** Search every library, device 0, automatic engines. */
    static CudaSettings defaults() {
        return new CudaSettings(Optional.empty(), Optional.empty(), Optional.empty(), 0, Kernels.AUTO, Gemm.AUTO);
    }

    /**
     * The settings named by the {@code atomstack.cuda.*} system properties.
     *
     * @throws IllegalArgumentException naming the property with a malformed value
     */
    static CudaSettings fromSystemProperties() {
        return from(System::getProperty);
    }

    /** The settings from a property source ({@code name -> value or null}). */
    static CudaSettings from(UnaryOperator<String> properties) {
        CudaSettings s = defaults();
        String device = properties.apply("atomstack.cuda.device");
        int ordinal = 0;
        if (device != null && !device.isBlank()) {
            try {
                ordinal = Integer.parseInt(device.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-Datomstack.cuda.device must be a device ordinal, got '" + device + "'", e);
            }
            if (ordinal < 0) {
                throw new IllegalArgumentException("-Datomstack.cuda.device must be >= 0, got " + ordinal);
            }
        }
        return new CudaSettings(path(properties, "atomstack.cuda.driver"), path(properties, "atomstack.cuda.cublas"),
            path(properties, "atomstack.cuda.nvrtc"), ordinal,
            choice(properties, "atomstack.cuda.kernels", Kernels.class, s.kernels()),
            choice(properties, "atomstack.cuda.gemm", Gemm.class, s.gemm()));
    }

    /** A copy loading libcuda from {@code path}. */
    CudaSettings withDriver(Path path) {
        return new CudaSettings(Optional.of(path), cublas, nvrtc, device, kernels, gemm);
    }

    /** A copy loading libcublas from {@code path}. */
    CudaSettings withCublas(Path path) {
        return new CudaSettings(driver, Optional.of(path), nvrtc, device, kernels, gemm);
    }

    /** A copy loading libnvrtc from {@code path}. */
    CudaSettings withNvrtc(Path path) {
        return new CudaSettings(driver, cublas, Optional.of(path), device, kernels, gemm);
    }

    /** A copy on device {@code ordinal}. */
    CudaSettings withDevice(int ordinal) {
        return new CudaSettings(driver, cublas, nvrtc, ordinal, kernels, gemm);
    }

    /** A copy with another kernel source. */
    CudaSettings withKernels(Kernels k) {
        return new CudaSettings(driver, cublas, nvrtc, device, k, gemm);
    }

    /** A copy with another GEMM engine. */
    CudaSettings withGemm(Gemm g) {
        return new CudaSettings(driver, cublas, nvrtc, device, kernels, g);
    }

    private static Optional<Path> path(UnaryOperator<String> properties, String name) {
        String v = properties.apply(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v.strip()));
    }

    private static <E extends Enum<E>> E choice(UnaryOperator<String> properties, String name, Class<E> type, E fallback) {
        String v = properties.apply(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : "|").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("-D" + name + " must be " + allowed + ", got '" + v + "'", e);
        }
    }
}
