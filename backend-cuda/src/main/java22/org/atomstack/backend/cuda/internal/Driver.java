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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CUDA driver API (libcuda) through downcall handles: initialisation, device queries, the
 * primary context, memory, modules and kernel launches. Symbols are bound by their ABI names
 * (the {@code _v2} entry points that cuda.h maps {@code cuMemAlloc} and friends to), which
 * every driver since CUDA 4 exports. Each call returns the {@code CUresult}; {@link #check}
 * turns errors into {@link CudaException} named by {@code cuGetErrorName}.
 *
 * <p>One instance per library file, cached for the life of the JVM (the symbol table; the
 * library is never unloaded). Thread-safe: the driver API is, and this class holds only
 * immutable handles.
 */
final class Driver {
    /** {@code CUDA_SUCCESS}. */
    static final int SUCCESS = 0;
    /** {@code CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT}. */
    static final int ATTRIBUTE_MULTIPROCESSORS = 16;
    /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR}. */
    static final int ATTRIBUTE_CC_MAJOR = 75;
    /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR}. */
    static final int ATTRIBUTE_CC_MINOR = 76;
    /** {@code CU_JIT_ERROR_LOG_BUFFER}. */
    private static final int JIT_ERROR_LOG_BUFFER = 5;
    /** {@code CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES}. */
    private static final int JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
    private static final int JIT_LOG_BYTES = 16 * 1024;

    private static final ConcurrentHashMap<Path, Driver> LOADED = new ConcurrentHashMap<>();

    private final Path path;
    private final MethodHandle cuInit;
    private final MethodHandle cuDriverGetVersion;
    private final MethodHandle cuDeviceGetCount;
    private final MethodHandle cuDeviceGet;
    private final MethodHandle cuDeviceGetName;
    private final MethodHandle cuDeviceGetAttribute;
    private final MethodHandle cuDeviceTotalMem;
    private final MethodHandle cuDevicePrimaryCtxRetain;
    private final MethodHandle cuDevicePrimaryCtxRelease;
    private final MethodHandle cuCtxSetCurrent;
    private final MethodHandle cuCtxSynchronize;
    private final MethodHandle cuMemAlloc;
    private final MethodHandle cuMemFree;
    private final MethodHandle cuMemGetInfo;
    private final MethodHandle cuMemcpyHtoD;
    private final MethodHandle cuMemcpyDtoH;
    private final MethodHandle cuMemcpyDtoD;
    private final MethodHandle cuMemsetD8;
    private final MethodHandle cuModuleLoadDataEx;
    private final MethodHandle cuModuleUnload;
    private final MethodHandle cuModuleGetFunction;
    private final MethodHandle cuLaunchKernel;
    private final MethodHandle cuGetErrorName;
    private final MethodHandle cuGetErrorString;

    private Driver(NativeLibrary lib) {
        this.path = lib.path();
        FunctionDescriptor intOf = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
        FunctionDescriptor ptr = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        cuInit = lib.function(intOf, "cuInit");
        cuDriverGetVersion = lib.function(ptr, "cuDriverGetVersion");
        cuDeviceGetCount = lib.function(ptr, "cuDeviceGetCount");
        cuDeviceGet = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), "cuDeviceGet");
        cuDeviceGetName = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), "cuDeviceGetName");
        cuDeviceGetAttribute = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), "cuDeviceGetAttribute");
        cuDeviceTotalMem = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), "cuDeviceTotalMem_v2");
        cuDevicePrimaryCtxRetain = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), "cuDevicePrimaryCtxRetain");
        cuDevicePrimaryCtxRelease = lib.function(intOf, "cuDevicePrimaryCtxRelease_v2", "cuDevicePrimaryCtxRelease");
        cuCtxSetCurrent = lib.function(ptr, "cuCtxSetCurrent");
        cuCtxSynchronize = lib.function(FunctionDescriptor.of(JAVA_INT), "cuCtxSynchronize");
        cuMemAlloc = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), "cuMemAlloc_v2");
        cuMemFree = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cuMemFree_v2");
        cuMemGetInfo = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), "cuMemGetInfo_v2");
        cuMemcpyHtoD = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG), "cuMemcpyHtoD_v2");
        cuMemcpyDtoH = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), "cuMemcpyDtoH_v2");
        cuMemcpyDtoD = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), "cuMemcpyDtoD_v2");
        cuMemsetD8 = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_BYTE, JAVA_LONG), "cuMemsetD8_v2");
        cuModuleLoadDataEx = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS),
            "cuModuleLoadDataEx");
        cuModuleUnload = lib.function(ptr, "cuModuleUnload");
        cuModuleGetFunction = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), "cuModuleGetFunction");
        cuLaunchKernel = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS), "cuLaunchKernel");
        cuGetErrorName = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), "cuGetErrorName");
        cuGetErrorString = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), "cuGetErrorString");
    }

    /**
     * The driver library at {@code path}, opened and bound once per JVM.
     *
     * @throws NativeLibrary.LibraryException when it cannot be loaded or lacks a function
     */
    static Driver load(Path path) {
        Driver d = LOADED.get(path);
        if (d == null) {
            d = new Driver(NativeLibrary.open("libcuda", path));
            Driver raced = LOADED.putIfAbsent(path, d);
            d = raced == null ? d : raced;
        }
        return d;
    }

    /** The library file. */
    Path path() {
        return path;
    }

    // ------------------------------------------------------------------ errors

    /** "CUDA_ERROR_NO_DEVICE" for a result code, or "CUresult N" when the driver does not know it. */
    String errorName(int result) {
        return describe(cuGetErrorName, result, "CUresult " + result);
    }

    /** The driver's description of a result code, or "" when it has none. */
    String errorString(int result) {
        return describe(cuGetErrorString, result, "");
    }

    /** "NAME (description)". */
    String error(int result) {
        String text = errorString(result);
        return errorName(result) + (text.isEmpty() ? "" : " (" + text + ")");
    }

    /**
     * Throws a {@link CudaException} naming {@code call} unless {@code result} is success.
     */
    void check(int result, String call) {
        if (result != SUCCESS) {
            throw new CudaException(call + " failed: " + error(result), result, errorName(result));
        }
    }

    private static String describe(MethodHandle h, int result, String fallback) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int r = (int) h.invokeExact(result, out);
            MemorySegment s = out.get(ADDRESS, 0);
            if (r != SUCCESS || s.equals(MemorySegment.NULL)) {
                return fallback;
            }
            return s.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    // ------------------------------------------------------------------ initialisation and devices

    /** {@code cuInit(0)}; returns the result instead of throwing (the probe reports it). */
    int init() {
        try {
            return (int) cuInit.invokeExact(0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** The CUDA version the driver supports, e.g. 13000 for 13.0. */
    int driverVersion() {
        return intOut(cuDriverGetVersion, "cuDriverGetVersion");
    }

    /** Number of CUDA devices. */
    int deviceCount() {
        return intOut(cuDeviceGetCount, "cuDeviceGetCount");
    }

    /** The device handle of ordinal {@code ordinal}. */
    int device(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) cuDeviceGet.invokeExact(out, ordinal), "cuDeviceGet(" + ordinal + ")");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** The device's marketing name. */
    String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(256);
            check((int) cuDeviceGetName.invokeExact(out, 256, device), "cuDeviceGetName");
            return out.getString(0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** A {@code CU_DEVICE_ATTRIBUTE_*} value. */
    int attribute(int attribute, int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) cuDeviceGetAttribute.invokeExact(out, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Total device memory in bytes. */
    long totalMemory(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check((int) cuDeviceTotalMem.invokeExact(out, device), "cuDeviceTotalMem");
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    // ------------------------------------------------------------------ context

    /** Retains the device's primary context (shared with cuBLAS and other users of the runtime API). */
    MemorySegment retainPrimaryContext(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check((int) cuDevicePrimaryCtxRetain.invokeExact(out, device), "cuDevicePrimaryCtxRetain");
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Releases one retain of the primary context. */
    void releasePrimaryContext(int device) {
        try {
            check((int) cuDevicePrimaryCtxRelease.invokeExact(device), "cuDevicePrimaryCtxRelease");
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Makes {@code context} current on the calling thread. */
    void setCurrent(MemorySegment context) {
        try {
            check((int) cuCtxSetCurrent.invokeExact(context), "cuCtxSetCurrent");
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Waits for all work of the current context. */
    void synchronize() {
        try {
            check((int) cuCtxSynchronize.invokeExact(), "cuCtxSynchronize");
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    // ------------------------------------------------------------------ memory

    /** {@code cuMemAlloc}: a device pointer to {@code bytes} (≥ 1) bytes. */
    long alloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check((int) cuMemAlloc.invokeExact(out, bytes), "cuMemAlloc(" + bytes + " bytes)");
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {@code cuMemFree}. */
    void free(long pointer) {
        try {
            check((int) cuMemFree.invokeExact(pointer), "cuMemFree");
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** {free, total} device memory in bytes. */
    long[] memoryInfo() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment free = a.allocate(JAVA_LONG);
            MemorySegment total = a.allocate(JAVA_LONG);
            check((int) cuMemGetInfo.invokeExact(free, total), "cuMemGetInfo");
            return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Host to device, synchronous. */
    void copyToDevice(long dst, MemorySegment src, long bytes) {
        try {
            check((int) cuMemcpyHtoD.invokeExact(dst, src, bytes), "cuMemcpyHtoD(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Device to host, synchronous (waits for earlier work on the default stream). */
    void copyToHost(MemorySegment dst, long src, long bytes) {
        try {
            check((int) cuMemcpyDtoH.invokeExact(dst, src, bytes), "cuMemcpyDtoH(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Device to device. */
    void copyOnDevice(long dst, long src, long bytes) {
        try {
            check((int) cuMemcpyDtoD.invokeExact(dst, src, bytes), "cuMemcpyDtoD(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Sets {@code bytes} bytes to zero. */
    void zero(long dst, long bytes) {
        try {
            check((int) cuMemsetD8.invokeExact(dst, (byte) 0, bytes), "cuMemsetD8(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    // ------------------------------------------------------------------ modules and launches

    /**
     * Loads a cubin, fatbin or NUL-terminated PTX image into the current context; a failure's
     * message carries the JIT error log.
     */
    MemorySegment loadModule(byte[] image, String what) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment img = a.allocate(image.length, 16);
            MemorySegment.copy(image, 0, img, JAVA_BYTE, 0, image.length);
            MemorySegment log = a.allocate(JIT_LOG_BYTES);
            MemorySegment options = a.allocate(JAVA_INT, 2);
            options.setAtIndex(JAVA_INT, 0, JIT_ERROR_LOG_BUFFER);
            options.setAtIndex(JAVA_INT, 1, JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
            MemorySegment values = a.allocate(ADDRESS, 2);
            values.setAtIndex(ADDRESS, 0, log);
            values.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(JIT_LOG_BYTES));
            MemorySegment out = a.allocate(ADDRESS);
            int r = (int) cuModuleLoadDataEx.invokeExact(out, img, 2, options, values);
            if (r != SUCCESS) {
                String jit = log.getString(0).strip();
                throw new CudaException("cuModuleLoadDataEx(" + what + ") failed: " + error(r) + (jit.isEmpty() ? "" : "; JIT log: " + jit),
                    r, errorName(r));
            }
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Unloads a module. */
    void unloadModule(MemorySegment module) {
        try {
            check((int) cuModuleUnload.invokeExact(module), "cuModuleUnload");
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** The kernel {@code name} of a module. */
    MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check((int) cuModuleGetFunction.invokeExact(out, module, a.allocateFrom(name)), "cuModuleGetFunction(" + name + ")");
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /**
     * Launches a 1-D grid on the default stream; {@code params} is the {@code void*[]} of
     * pointers to each argument value.
     */
    void launch(MemorySegment function, LaunchGeometry g, MemorySegment params, String what) {
        try {
            check((int) cuLaunchKernel.invokeExact(function, g.grid(), 1, 1, g.block(), 1, 1, 0, MemorySegment.NULL, params,
                MemorySegment.NULL), "cuLaunchKernel(" + what + ")");
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    private int intOut(MethodHandle h, String call) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) h.invokeExact(out), call);
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }
}
