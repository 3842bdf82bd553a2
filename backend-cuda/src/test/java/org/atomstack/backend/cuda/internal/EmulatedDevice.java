package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.atomstack.api.backend.Availability;
import org.atomstack.api.backend.Backend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The emulated device of the tests: src/test/native/emulated_{driver,cublas,nvrtc}.cpp built with
 * the host C++ compiler into stand-ins for libcuda.so.1, libcublas.so.13 and libnvrtc.so.13 (the
 * driver runs the real kernels, compiled as host C++, thread by thread). The backend loads them
 * through the same FFM bindings as the real libraries, so everything but the GPU itself is
 * exercised: symbol binding, argument marshalling, struct layouts, launch geometry, memory
 * management, module selection, the cuBLAS column-major mapping and the NVRTC path.
 *
 * <p>Tests using it ({@code @ExtendWith(EmulatedDevice.class)}) are skipped with the reason on
 * Java &lt; 22, when the build has no Java 22 part, and where no C++ compiler is installed. The libraries are built once per build directory and rebuilt when a source changes.
 */
final class EmulatedDevice implements ExecutionCondition {
    /**
     * The built libraries.
     *
     * @param driver          the emulated driver (devices sm_90, sm_75, sm_61)
     * @param driverInitFails a driver whose cuInit answers CUDA_ERROR_NO_DEVICE
     * @param driverNoDevices a driver that reports no devices
     * @param cublas          the emulated cuBLAS
     * @param nvrtc           the emulated NVRTC
     */
    record Libraries(Path driver, Path driverInitFails, Path driverNoDevices, Path cublas, Path nvrtc) {
    }

    private static Libraries built;

    /** For JUnit. */
    EmulatedDevice() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = missing();
        return reason == null ? ConditionEvaluationResult.enabled("the emulated device can be built")
            : ConditionEvaluationResult.disabled(reason);
    }

    /** Why the emulated device cannot run here, or null. */
    private static String missing() {
        if (Runtime.version().feature() < CudaPlatforms.REQUIRED_JAVA) {
            return "the CUDA binding needs Java >= 22; running on Java " + Runtime.version().feature();
        }
        if (!java22PartPresent()) {
            return "the Java 22 part of backend-cuda was not built (a JDK older than 22 ran the build, or -P '!java22')";
        }
        if (compiler() == null) {
            return "no C++ compiler (CXX, c++, g++ or clang++) to build the emulated device";
        }
        return null;
    }

    /** The libraries, built on first use; aborts the calling test when they cannot be built here. */
    static synchronized Libraries libraries() {
        String reason = missing();
        Assumptions.assumeTrue(reason == null, reason);
        if (built == null) {
            built = build();
        }
        return built;
    }

    /** Whether the classes of src/main/java22 are on the class path. */
    static boolean java22PartPresent() {
        try {
            Class.forName(CudaPlatforms.IMPLEMENTATION, false, EmulatedDevice.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Settings that load the emulated driver, cuBLAS and NVRTC. */
    static CudaSettings settings() {
        Libraries l = libraries();
        return CudaSettings.defaults().withDriver(l.driver()).withCublas(l.cublas()).withNvrtc(l.nvrtc());
    }

    /** Opens a backend with {@code settings}, failing (not skipping) when the emulated device is unavailable. */
    static Backend open(CudaSettings settings) {
        CudaPlatform platform = CudaPlatforms.load(settings);
        Availability a = platform.availability();
        if (!a.available()) {
            fail("the emulated device is unavailable: " + a.detail());
        }
        return platform.open();
    }

    private static Libraries build() {
        Path sources = Path.of(System.getProperty("atomstack.cuda.emulator.sources", "src/test/native")).toAbsolutePath();
        Path kernels = Path.of(System.getProperty("atomstack.cuda.source", "src/main/cuda")).toAbsolutePath();
        Path out = Path.of(System.getProperty("atomstack.cuda.emulator.build", "target/emulator")).toAbsolutePath();
        String cxx = compiler();
        Path ok = out.resolve("ok");
        Libraries l = new Libraries(ok.resolve("libcuda.so.1"), out.resolve("initfail/libcuda.so.1"), out.resolve("nodevice/libcuda.so.1"),
            ok.resolve("libcublas.so.13"), ok.resolve("libnvrtc.so.13"));
        Path driverSrc = sources.resolve("emulated_driver.cpp");
        Path kernelSrc = kernels.resolve("atomstack_kernels.cu");
        compile(cxx, List.of(driverSrc, kernelSrc), l.driver(), "libcuda.so.1",
            List.of("-I" + kernels, driverSrc.toString()));
        compile(cxx, List.of(driverSrc), l.driverInitFails(), "libcuda-initfail.so.1",
            List.of("-DEMU_NO_KERNELS", "-DEMU_VARIANT=1", driverSrc.toString()));
        compile(cxx, List.of(driverSrc), l.driverNoDevices(), "libcuda-nodevice.so.1",
            List.of("-DEMU_NO_KERNELS", "-DEMU_VARIANT=2", driverSrc.toString()));
        Path cublasSrc = sources.resolve("emulated_cublas.cpp");
        compile(cxx, List.of(cublasSrc, l.driver()), l.cublas(), "libcublas.so.13",
            List.of(cublasSrc.toString(), "-L" + ok, "-l:libcuda.so.1", "-Wl,-rpath," + ok));
        Path nvrtcSrc = sources.resolve("emulated_nvrtc.cpp");
        compile(cxx, List.of(nvrtcSrc), l.nvrtc(), "libnvrtc.so.13", List.of(nvrtcSrc.toString()));
        return l;
    }

    /** The host C++ compiler: $CXX, else c++, g++ or clang++ on the PATH; null when there is none. */
    static String compiler() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("CXX");
        if (env != null && !env.isBlank()) {
            candidates.add(env.strip());
        }
        candidates.addAll(List.of("c++", "g++", "clang++"));
        String path = System.getenv().getOrDefault("PATH", "");
        for (String c : candidates) {
            if (c.contains("/")) {
                if (Files.isExecutable(Path.of(c))) {
                    return c;
                }
                continue;
            }
            for (String dir : path.split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, c))) {
                    return Path.of(dir, c).toString();
                }
            }
        }
        return null;
    }

    /** Builds one shared library unless it is newer than all its inputs. */
    private static void compile(String cxx, List<Path> inputs, Path output, String soname, List<String> args) {
        try {
            if (Files.exists(output)) {
                long built = Files.getLastModifiedTime(output).toMillis();
                boolean fresh = true;
                for (Path in : inputs) {
                    fresh &= Files.getLastModifiedTime(in).toMillis() <= built;
                }
                if (fresh) {
                    return;
                }
            }
            Files.createDirectories(output.getParent());
            List<String> cmd = new ArrayList<>(List.of(cxx, "-std=c++17", "-O2", "-Wall", "-shared", "-fPIC", "-Wl,-soname," + soname,
                "-o", output.toString()));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("building the emulated device timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                fail("building the emulated device failed (" + String.join(" ", cmd) + "):\n" + log);
            }
        } catch (IOException e) {
            fail("building the emulated device failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while building the emulated device", e);
        }
    }
}
