package org.atomstack.backend.cuda.internal;

import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.backend.BackendProvider;

/**
 * Provider of the CUDA backend (id {@code cuda}, priority 10, so {@code --backend auto} prefers
 * it wherever a GPU answers). Settings come from the {@code atomstack.cuda.*} system
 * properties (see {@link CudaSettings}). {@link #availability()} probes once per provider
 * instance (driver library, {@code cuInit}, device, compute capability, kernel image, cuBLAS)
 * and then answers from that result; it never throws. Registered through {@code module-info}
 * and {@code META-INF/services}. Thread-safe.
 */
public final class CudaBackendProvider implements BackendProvider {
    private volatile Availability probed;

    /** The provider; the service loader calls this. */
    public CudaBackendProvider() {
    }

    @Override
    public String id() {
        return "cuda";
    }

    @Override
    public String description() {
        return "CUDA backend: float64 and float32 on an NVIDIA GPU (driver API through Java's FFM API, own kernels, cuBLAS GEMM)";
    }

    @Override
    public int priority() {
        return 10;
    }

    /** Available with the device, kernel image and GEMM engine; otherwise the precise reason. */
    @Override
    public Availability availability() {
        Availability a = probed;
        if (a == null) {
            try {
                a = platform().availability();
            } catch (RuntimeException | LinkageError e) {
                a = Availability.unavailable("probing CUDA failed: " + e);
            }
            probed = a;
        }
        return a;
    }

    /**
     * A new backend on the configured device; the caller closes it.
     *
     * @throws IllegalStateException with the reason when CUDA is unavailable
     */
    @Override
    public Backend open() {
        return platform().open();
    }

    private static CudaPlatform platform() {
        CudaSettings settings;
        try {
            settings = CudaSettings.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            return new CudaPlatform.Unavailable(e.getMessage());
        }
        return CudaPlatforms.load(settings);
    }
}
