package org.atomstack.backend.cuda.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * NVRTC (libnvrtc), the run-time CUDA compiler, through downcall handles: compiles the
 * bundled kernel source to SASS for the device's own architecture when NVRTC supports it
 * ({@code nvrtcGetCUBIN}), else to PTX for the highest virtual architecture it supports that
 * does not exceed the device's. Used when the jar has no prebuilt image that fits the device,
 * or when one fails to load.
 *
 * <p>One instance per library file, cached for the life of the JVM; immutable handles,
 * thread-safe (each compilation owns its program).
 */
final class Nvrtc {
    private static final int SUCCESS = 0;
    private static final ConcurrentHashMap<Path, Nvrtc> LOADED = new ConcurrentHashMap<>();

    private final Path path;
    private final MethodHandle version;
    private final Optional<MethodHandle> numSupportedArchs;
    private final Optional<MethodHandle> supportedArchs;
    private final MethodHandle createProgram;
    private final MethodHandle compileProgram;
    private final MethodHandle getPtxSize;
    private final MethodHandle getPtx;
    private final Optional<MethodHandle> getCubinSize;
    private final Optional<MethodHandle> getCubin;
    private final MethodHandle getLogSize;
    private final MethodHandle getLog;
    private final MethodHandle destroyProgram;
    private final MethodHandle errorString;

    private Nvrtc(NativeLibrary lib) {
        this.path = lib.path();
        FunctionDescriptor ptrPtr = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
        version = lib.function(ptrPtr, "nvrtcVersion");
        numSupportedArchs = lib.optional(FunctionDescriptor.of(JAVA_INT, ADDRESS), "nvrtcGetNumSupportedArchs");
        supportedArchs = lib.optional(FunctionDescriptor.of(JAVA_INT, ADDRESS), "nvrtcGetSupportedArchs");
        createProgram = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS),
            "nvrtcCreateProgram");
        compileProgram = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), "nvrtcCompileProgram");
        getPtxSize = lib.function(ptrPtr, "nvrtcGetPTXSize");
        getPtx = lib.function(ptrPtr, "nvrtcGetPTX");
        getCubinSize = lib.optional(ptrPtr, "nvrtcGetCUBINSize");
        getCubin = lib.optional(ptrPtr, "nvrtcGetCUBIN");
        getLogSize = lib.function(ptrPtr, "nvrtcGetProgramLogSize");
        getLog = lib.function(ptrPtr, "nvrtcGetProgramLog");
        destroyProgram = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS), "nvrtcDestroyProgram");
        errorString = lib.function(FunctionDescriptor.of(ADDRESS, JAVA_INT), "nvrtcGetErrorString");
    }

    /**
     * The NVRTC library at {@code path}, opened and bound once per JVM.
     *
     * @throws NativeLibrary.LibraryException when it cannot be loaded or lacks a function
     */
    static Nvrtc load(Path path) {
        Nvrtc n = LOADED.get(path);
        if (n == null) {
            n = new Nvrtc(NativeLibrary.open("libnvrtc", path));
            Nvrtc raced = LOADED.putIfAbsent(path, n);
            n = raced == null ? n : raced;
        }
        return n;
    }

    /** The library file. */
    Path path() {
        return path;
    }

    /** "13.0". */
    String version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment major = a.allocate(JAVA_INT);
            MemorySegment minor = a.allocate(JAVA_INT);
            check((int) version.invokeExact(major, minor), "nvrtcVersion");
            return major.get(JAVA_INT, 0) + "." + minor.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** The real architectures (major·10 + minor) NVRTC compiles for, ascending; empty when it cannot say. */
    List<Integer> supportedArchitectures() {
        if (numSupportedArchs.isEmpty() || supportedArchs.isEmpty()) {
            return List.of();
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment count = a.allocate(JAVA_INT);
            check((int) numSupportedArchs.get().invokeExact(count), "nvrtcGetNumSupportedArchs");
            int n = count.get(JAVA_INT, 0);
            if (n <= 0) {
                return List.of();
            }
            MemorySegment archs = a.allocate(JAVA_INT, n);
            check((int) supportedArchs.get().invokeExact(archs), "nvrtcGetSupportedArchs");
            int[] v = archs.toArray(JAVA_INT);
            Arrays.sort(v);
            return Arrays.stream(v).boxed().toList();
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /**
     * The target for a device of compute capability {@code arch} (major·10 + minor): SASS for
     * the device itself when NVRTC lists it and can emit CUBIN, else PTX for the highest listed
     * architecture not above it; empty when NVRTC lists none that fits. When NVRTC cannot list
     * its architectures, PTX for the device's own.
     */
    Optional<Target> target(int arch) {
        List<Integer> supported = supportedArchitectures();
        if (supported.isEmpty()) {
            return Optional.of(new Target(arch, false));
        }
        if (supported.contains(arch) && getCubin.isPresent() && getCubinSize.isPresent()) {
            return Optional.of(new Target(arch, true));
        }
        return supported.stream().filter(s -> s <= arch).max(Integer::compare).map(s -> new Target(s, false));
    }

    /**
     * What NVRTC compiles to.
     *
     * @param arch  architecture, major·10 + minor
     * @param cubin SASS (true) or PTX (false)
     */
    record Target(int arch, boolean cubin) {
        /** The {@code --gpu-architecture} option. */
        String option() {
            return "--gpu-architecture=" + (cubin ? "sm_" : "compute_") + arch;
        }

        @Override
        public String toString() {
            return cubin ? "sm_" + arch : "PTX compute_" + arch;
        }
    }

    /**
     * Compiles {@code source} for {@code target}; returns the image (PTX NUL-terminated).
     *
     * @throws CudaException with NVRTC's log when compilation fails
     */
    byte[] compile(String source, String name, Target target) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment prog = a.allocate(ADDRESS);
            check((int) createProgram.invokeExact(prog, a.allocateFrom(source), a.allocateFrom(name), 0, MemorySegment.NULL,
                MemorySegment.NULL), "nvrtcCreateProgram");
            MemorySegment program = prog.get(ADDRESS, 0);
            try {
                List<String> options = List.of(target.option(), "--std=c++17");
                MemorySegment opts = a.allocate(ADDRESS, options.size());
                for (int i = 0; i < options.size(); i++) {
                    opts.setAtIndex(ADDRESS, i, a.allocateFrom(options.get(i)));
                }
                int r = (int) compileProgram.invokeExact(program, options.size(), opts);
                if (r != SUCCESS) {
                    throw new CudaException("nvrtcCompileProgram(" + name + ", " + String.join(" ", options) + ") failed: "
                        + errorName(r) + "; log: " + log(a, program), r, errorName(r));
                }
                MethodHandle size = target.cubin() ? getCubinSize.orElseThrow() : getPtxSize;
                MethodHandle get = target.cubin() ? getCubin.orElseThrow() : getPtx;
                MemorySegment n = a.allocate(JAVA_LONG);
                check((int) size.invokeExact(program, n), "nvrtcGet" + (target.cubin() ? "CUBIN" : "PTX") + "Size");
                long bytes = n.get(JAVA_LONG, 0);
                MemorySegment image = a.allocate(Math.max(bytes, 1) + 1);
                check((int) get.invokeExact(program, image), "nvrtcGet" + (target.cubin() ? "CUBIN" : "PTX"));
                return image.asSlice(0, target.cubin() ? bytes : bytes + 1).toArray(JAVA_BYTE);
            } finally {
                check((int) destroyProgram.invokeExact(prog), "nvrtcDestroyProgram");
            }
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    private String log(Arena a, MemorySegment program) throws Throwable {
        MemorySegment n = a.allocate(JAVA_LONG);
        if ((int) getLogSize.invokeExact(program, n) != SUCCESS) {
            return "(no log)";
        }
        long bytes = n.get(JAVA_LONG, 0);
        MemorySegment log = a.allocate(Math.max(bytes, 1) + 1);
        if ((int) getLog.invokeExact(program, log) != SUCCESS) {
            return "(no log)";
        }
        return log.getString(0).strip();
    }

    /** NVRTC's name for a result code. */
    String errorName(int result) {
        try {
            MemorySegment s = (MemorySegment) errorString.invokeExact(result);
            return s.equals(MemorySegment.NULL) ? "nvrtcResult " + result : s.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    private void check(int result, String call) {
        if (result != SUCCESS) {
            throw new CudaException(call + " failed: " + errorName(result), result, errorName(result));
        }
    }
}
