package org.atomstack.backend.cuda.internal;

import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.Map;

/**
 * The kernels loaded into a context: a {@code CUmodule} from the prebuilt image the probe chose
 * or from NVRTC, with every {@link Kernel} resolved up front. With {@code kernels=auto}, a
 * prebuilt image the driver refuses (for instance PTX newer than the driver,
 * {@code CUDA_ERROR_UNSUPPORTED_PTX_VERSION}) falls back to NVRTC when it is available.
 * Immutable after loading; {@link #function} is thread-safe.
 */
final class KernelModule {
    private final MemorySegment module;
    private final Map<Kernel, MemorySegment> functions;
    private final String description;

    private KernelModule(MemorySegment module, Map<Kernel, MemorySegment> functions, String description) {
        this.module = module;
        this.functions = functions;
        this.description = description;
    }

    /**
     * Loads the kernels into the context current on this thread.
     *
     * @throws IllegalStateException naming the image and the driver's or NVRTC's error
     */
    static KernelModule load(Driver driver, FfmCudaPlatform platform, FfmCudaPlatform.Probe probe) {
        FfmCudaPlatform.KernelPlan plan = probe.kernels();
        MemorySegment module = null;
        String description = null;
        String refused = null;
        if (plan.image().isPresent()) {
            KernelImages.Image image = plan.image().get();
            try {
                module = driver.loadModule(KernelImages.read(image), image.toString());
                description = plan.describe();
            } catch (CudaException e) {
                if (platform.settings().kernels() != CudaSettings.Kernels.AUTO) {
                    throw e;
                }
                refused = e.getMessage();
            }
        }
        if (module == null) {
            FfmCudaPlatform.NvrtcPlan nvrtc;
            if (plan.nvrtc().isPresent()) {
                nvrtc = plan.nvrtc().get();
            } else {
                FfmCudaPlatform.Outcome<FfmCudaPlatform.NvrtcPlan> p = platform.nvrtcPlan(probe.device(), probe.driverVersion());
                if (!p.ok()) {
                    throw new IllegalStateException("the prebuilt kernels do not load (" + refused + ") and NVRTC cannot compile them: "
                        + p.reason());
                }
                nvrtc = p.value();
            }
            byte[] image = nvrtc.nvrtc().compile(KernelImages.source(), KernelImages.SOURCE, nvrtc.target());
            module = driver.loadModule(image, "NVRTC " + nvrtc.target());
            description = nvrtc.describe() + (refused == null ? "" : " (the prebuilt image was refused: " + refused + ")");
        }
        Map<Kernel, MemorySegment> functions = new EnumMap<>(Kernel.class);
        try {
            for (Kernel k : Kernel.values()) {
                functions.put(k, driver.function(module, k.symbol()));
            }
        } catch (RuntimeException e) {
            driver.unloadModule(module);
            throw e;
        }
        return new KernelModule(module, functions, description);
    }

    /** The resolved kernel. */
    MemorySegment function(Kernel k) {
        return functions.get(k);
    }

    /** Where the code came from. */
    String description() {
        return description;
    }

    /** Unloads the module (its context must be current). */
    void unload(Driver driver) {
        driver.unloadModule(module);
    }
}
