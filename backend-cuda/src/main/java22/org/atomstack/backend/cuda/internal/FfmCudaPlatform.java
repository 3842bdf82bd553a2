package org.atomstack.backend.cuda.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.Backend;

/**
 * The CUDA platform on Java ≥ 22: probes the driver library, {@code cuInit}, the device, its
 * compute capability, the kernel image (prebuilt or NVRTC) and cuBLAS, and opens
 * {@link CudaBackend}s. Loaded by name from {@link CudaPlatforms}. Each call probes afresh
 * (the provider caches availability); the native bindings it loads are cached per library file.
 * Thread-safe.
 */
final class FfmCudaPlatform implements CudaPlatform {
    private final CudaSettings settings;
    private final LibraryLocator locator;

    /** The platform with the given settings, searching libraries on this machine. */
    FfmCudaPlatform(CudaSettings settings) {
        this(settings, LibraryLocator.system());
    }

    /** The platform with the given settings and library locator. */
    FfmCudaPlatform(CudaSettings settings, LibraryLocator locator) {
        this.settings = settings;
        this.locator = locator;
    }

    @Override
    public Availability availability() {
        Probe p = probe();
        return p.ok() ? Availability.on(p.describe()) : Availability.unavailable(p.reason());
    }

    @Override
    public Backend open() {
        Probe p = probe();
        if (!p.ok()) {
            throw new IllegalStateException("the cuda backend is unavailable: " + p.reason());
        }
        return CudaBackend.open(this, p);
    }

    /** The settings. */
    CudaSettings settings() {
        return settings;
    }

    /**
     * A CUDA device as probed.
     *
     * @param ordinal         its ordinal
     * @param handle          its {@code CUdevice}
     * @param name            marketing name
     * @param major           compute capability major
     * @param minor           compute capability minor
     * @param multiprocessors SM count
     * @param totalMemory     bytes
     */
    record Device(int ordinal, int handle, String name, int major, int minor, int multiprocessors, long totalMemory) {
        /** Compute capability as major·10 + minor. */
        int arch() {
            return major * 10 + minor;
        }

        /** "NVIDIA H200 (sm_90, 132 SMs, 139.8 GiB)". */
        String describe() {
            return String.format(Locale.ROOT, "%s (sm_%d%d, %d SMs, %.1f GiB)", name, major, minor, multiprocessors,
                totalMemory / (double) (1L << 30));
        }
    }

    /**
     * Where the device code comes from.
     *
     * @param image    the prebuilt image that fits the device, if any
     * @param nvrtc    NVRTC and its target, when it compiles the kernels (no fitting image, or forced)
     * @param describe what is used, for the availability text
     */
    record KernelPlan(Optional<KernelImages.Image> image, Optional<NvrtcPlan> nvrtc, String describe) {
    }

    /**
     * NVRTC ready to compile for the device.
     *
     * @param nvrtc  the binding
     * @param target SASS or PTX target
     */
    record NvrtcPlan(Nvrtc nvrtc, Nvrtc.Target target) {
        /** "NVRTC 13.0 -> sm_90". */
        String describe() {
            return "NVRTC " + nvrtc.version() + " -> " + target;
        }
    }

    /**
     * The GEMM engine.
     *
     * @param cublas   cuBLAS, or empty for the backend's own kernel
     * @param describe what is used and why
     */
    record GemmPlan(Optional<Cublas> cublas, String describe) {
    }

    /**
     * The outcome of a probe: a reason when CUDA cannot run, else everything needed to open.
     *
     * @param reason        why not, or null when it can run
     * @param driver        the driver binding
     * @param driverVersion CUDA version of the driver (13000 for 13.0)
     * @param device        the device
     * @param kernels       the kernel plan
     * @param gemm          the GEMM plan
     */
    record Probe(String reason, Driver driver, int driverVersion, Device device, KernelPlan kernels, GemmPlan gemm) {
        static Probe failed(String reason) {
            return new Probe(reason, null, 0, null, null, null);
        }

        /** Whether CUDA can run. */
        boolean ok() {
            return reason == null;
        }

        /** The availability text: device, driver, kernels and GEMM. */
        String describe() {
            return device.describe() + ", driver CUDA " + version(driverVersion) + "; kernels: " + kernels.describe()
                + "; GEMM: " + gemm.describe();
        }
    }

    /**
     * A planning step's result: a value, or the reason there is none.
     *
     * @param value  the value, null when failed
     * @param reason why not, null when there is a value
     * @param <T>    the value type
     */
    record Outcome<T>(T value, String reason) {
        static <T> Outcome<T> of(T value) {
            return new Outcome<>(value, null);
        }

        static <T> Outcome<T> failed(String reason) {
            return new Outcome<>(null, reason);
        }

        /** Whether there is a value. */
        boolean ok() {
            return reason == null;
        }
    }

    /** "13.0" for 13000. */
    static String version(int cudaVersion) {
        return cudaVersion / 1000 + "." + (cudaVersion % 1000) / 10;
    }

    /** Probes everything; never throws. */
    Probe probe() {
        try {
            return probeOrThrow();
        } catch (RuntimeException | LinkageError e) {
            return Probe.failed("probing CUDA failed: " + e.getMessage());
        }
    }

    private Probe probeOrThrow() {
        Path driverPath;
        if (settings.driver().isPresent()) {
            driverPath = settings.driver().get();
            if (!Files.isRegularFile(driverPath)) {
                return Probe.failed("no NVIDIA driver: " + driverPath + " (named by -Datomstack.cuda.driver) does not exist");
            }
        } else {
            LibraryLocator.Search s = locator.find(List.of("libcuda.so.1", "libcuda.so"), locator.driverDirectories());
            if (s.found().isEmpty()) {
                return Probe.failed("no NVIDIA driver: " + s.notFound());
            }
            driverPath = s.found().get();
        }
        Driver driver;
        try {
            driver = Driver.load(driverPath);
        } catch (NativeLibrary.LibraryException e) {
            return Probe.failed("no usable NVIDIA driver: " + e.getMessage());
        }
        int init = driver.init();
        if (init != Driver.SUCCESS) {
            return Probe.failed("cuInit failed: " + driver.error(init) + " (driver " + driverPath + ")");
        }
        int version = driver.driverVersion();
        int count = driver.deviceCount();
        if (count == 0) {
            return Probe.failed("no CUDA device: the driver (CUDA " + version(version) + ", " + driverPath + ") reports none");
        }
        if (settings.device() >= count) {
            return Probe.failed("no CUDA device " + settings.device() + " (-Datomstack.cuda.device): the driver reports " + count);
        }
        int handle = driver.device(settings.device());
        Device device = new Device(settings.device(), handle, driver.deviceName(handle),
            driver.attribute(Driver.ATTRIBUTE_CC_MAJOR, handle), driver.attribute(Driver.ATTRIBUTE_CC_MINOR, handle),
            driver.attribute(Driver.ATTRIBUTE_MULTIPROCESSORS, handle), driver.totalMemory(handle));
        Outcome<KernelPlan> kernels = kernelPlan(device, version);
        if (!kernels.ok()) {
            return Probe.failed(kernels.reason());
        }
        Outcome<GemmPlan> gemm = gemmPlan(version);
        if (!gemm.ok()) {
            return Probe.failed(gemm.reason());
        }
        return new Probe(null, driver, version, device, kernels.value(), gemm.value());
    }

    /** The kernel plan, or the reason the device has no code. */
    private Outcome<KernelPlan> kernelPlan(Device device, int driverVersion) {
        KernelImages images = KernelImages.bundled();
        String shipped = images.images().isEmpty() ? "this build has no prebuilt kernels (it was built without nvcc)"
            : "the prebuilt kernels (" + images.describe() + ") do not fit sm_" + device.arch()
                + (images.lowestArch() > device.arch() ? " (they need compute capability " + images.lowestArch() / 10 + "."
                    + images.lowestArch() % 10 + " or higher)" : "");
        if (settings.kernels() != CudaSettings.Kernels.NVRTC) {
            Optional<KernelImages.Image> image = images.choose(device.major(), device.minor());
            if (image.isPresent()) {
                String compiler = images.compiler().isEmpty() ? "" : ", " + images.compiler();
                return Outcome.of(new KernelPlan(image, Optional.empty(), image.get() + " (prebuilt" + compiler + ")"));
            }
            if (settings.kernels() == CudaSettings.Kernels.PREBUILT) {
                return Outcome.failed("no kernels for " + device.describe() + ": " + shipped + " (-Datomstack.cuda.kernels=prebuilt)");
            }
        }
        Outcome<NvrtcPlan> nvrtc = nvrtcPlan(device, driverVersion);
        if (!nvrtc.ok()) {
            return Outcome.failed("no kernels for " + device.describe() + ": "
                + (settings.kernels() == CudaSettings.Kernels.NVRTC ? "-Datomstack.cuda.kernels=nvrtc" : shipped)
                + ", and NVRTC cannot compile them: " + nvrtc.reason());
        }
        NvrtcPlan plan = nvrtc.value();
        return Outcome.of(new KernelPlan(Optional.empty(), Optional.of(plan), plan.describe()));
    }

    /** NVRTC ready to compile for the device, or the reason it cannot. */
    Outcome<NvrtcPlan> nvrtcPlan(Device device, int driverVersion) {
        Path path;
        if (settings.nvrtc().isPresent()) {
            path = settings.nvrtc().get();
            if (!Files.isRegularFile(path)) {
                return Outcome.failed(path + " (named by -Datomstack.cuda.nvrtc) does not exist");
            }
        } else {
            LibraryLocator.Search s = locator.find(versioned("libnvrtc", driverVersion), locator.toolkitDirectories());
            if (s.found().isEmpty()) {
                return Outcome.failed(s.notFound());
            }
            path = s.found().get();
        }
        Nvrtc nvrtc;
        try {
            nvrtc = Nvrtc.load(path);
        } catch (NativeLibrary.LibraryException e) {
            return Outcome.failed(e.getMessage());
        }
        Optional<Nvrtc.Target> target = nvrtc.target(device.arch());
        if (target.isEmpty()) {
            List<Integer> archs = nvrtc.supportedArchitectures();
            return Outcome.failed("NVRTC " + nvrtc.version() + " (" + path + ") compiles for sm_" + archs.get(0) + " to sm_"
                + archs.get(archs.size() - 1) + ", not for sm_" + device.arch());
        }
        return Outcome.of(new NvrtcPlan(nvrtc, target.get()));
    }

    /** The GEMM plan, or the reason the required cuBLAS is missing. */
    private Outcome<GemmPlan> gemmPlan(int driverVersion) {
        if (settings.gemm() == CudaSettings.Gemm.KERNEL) {
            return Outcome.of(new GemmPlan(Optional.empty(), "atomstack kernel (-Datomstack.cuda.gemm=kernel)"));
        }
        String problem;
        Path path = null;
        if (settings.cublas().isPresent()) {
            path = settings.cublas().get();
            problem = Files.isRegularFile(path) ? null : path + " (named by -Datomstack.cuda.cublas) does not exist";
        } else {
            LibraryLocator.Search s = locator.find(versioned("libcublas", driverVersion), locator.toolkitDirectories());
            problem = s.found().isEmpty() ? String.join(" / ", s.names()) + " not found" : null;
            path = s.found().orElse(null);
            if (problem != null && settings.gemm() == CudaSettings.Gemm.CUBLAS) {
                problem = s.notFound();
            }
        }
        if (problem == null) {
            try {
                Cublas cublas = Cublas.load(path);
                return Outcome.of(new GemmPlan(Optional.of(cublas), "cuBLAS " + cublas.version()));
            } catch (NativeLibrary.LibraryException | CudaException e) {
                problem = e.getMessage();
            }
        }
        if (settings.gemm() == CudaSettings.Gemm.CUBLAS) {
            return Outcome.failed("cuBLAS is required (-Datomstack.cuda.gemm=cublas) but unusable: " + problem);
        }
        return Outcome.of(new GemmPlan(Optional.empty(), "atomstack kernel (" + problem + ")"));
    }

    /**
     * "libX.so.13", "libX.so.12", … down to 11: the driver's CUDA major version first, then older
     * ones (a toolkit library newer than the driver cannot run on it), then "libX.so".
     */
    static List<String> versioned(String base, int driverVersion) {
        List<String> names = new ArrayList<>();
        for (int v = driverVersion / 1000; v >= 11; v--) {
            names.add(base + ".so." + v);
        }
        names.add(base + ".so");
        return names;
    }
}
