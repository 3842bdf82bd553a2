package org.atomstack.backend.cuda.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.atomstack.api.tensor.DType;

/**
 * cuBLAS (libcublas) through downcall handles: handle creation and the (strided batched) GEMM
 * in double and single precision. cuBLAS is column-major; {@link #gemmRowMajor} computes a
 * row-major C = op(A)·op(B) as the column-major Cᵀ = op(B)ᵀ·op(A)ᵀ, which needs no copies:
 * a row-major matrix read column-major is its transpose.
 *
 * <p>One instance per library file, cached for the life of the JVM. The handles are immutable
 * and thread-safe; a cuBLAS handle ({@code cublasHandle_t}) is not, so its users serialise
 * calls on it.
 */
final class Cublas {
    private static final int SUCCESS = 0;
    private static final int OP_N = 0;
    private static final int OP_T = 1;
    private static final ConcurrentHashMap<Path, Cublas> LOADED = new ConcurrentHashMap<>();

    private final Path path;
    private final MethodHandle create;
    private final MethodHandle destroy;
    private final MethodHandle getProperty;
    private final MethodHandle dgemm;
    private final MethodHandle sgemm;
    private final MethodHandle dgemmBatched;
    private final MethodHandle sgemmBatched;

    // Only the _v2 (handle-based) entry points: the unversioned names are the legacy API, whose
    // signatures differ (no handle, char transpose flags).
    private Cublas(NativeLibrary lib) {
        this.path = lib.path();
        create = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS), "cublasCreate_v2");
        destroy = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS), "cublasDestroy_v2");
        getProperty = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), "cublasGetProperty");
        FunctionDescriptor gemm = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
        dgemm = lib.function(gemm, "cublasDgemm_v2");
        sgemm = lib.function(gemm, "cublasSgemm_v2");
        FunctionDescriptor batched = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT);
        dgemmBatched = lib.function(batched, "cublasDgemmStridedBatched");
        sgemmBatched = lib.function(batched, "cublasSgemmStridedBatched");
    }

    /**
     * The cuBLAS library at {@code path}, opened and bound once per JVM. Its sibling
     * libcublasLt (a dependency) is opened first from the same directory when present, so a
     * toolkit directory outside the loader's path works.
     *
     * @throws NativeLibrary.LibraryException when it cannot be loaded or lacks a function
     */
    static Cublas load(Path path) {
        Cublas c = LOADED.get(path);
        if (c == null) {
            String name = path.getFileName().toString();
            Path lt = path.resolveSibling(name.replace("libcublas", "libcublasLt"));
            if (!lt.equals(path) && java.nio.file.Files.isRegularFile(lt)) {
                NativeLibrary.open("libcublasLt", lt);
            }
            c = new Cublas(NativeLibrary.open("libcublas", path));
            Cublas raced = LOADED.putIfAbsent(path, c);
            c = raced == null ? c : raced;
        }
        return c;
    }

    /** The library file. */
    Path path() {
        return path;
    }

    /** "13.0.2" from {@code cublasGetProperty}. */
    String version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            StringBuilder s = new StringBuilder();
            for (int type = 0; type < 3; type++) {
                check((int) getProperty.invokeExact(type, v), "cublasGetProperty");
                s.append(type == 0 ? "" : ".").append(v.get(JAVA_INT, 0));
            }
            return s.toString();
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** A new handle, bound to the context current on the calling thread. */
    MemorySegment create() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check((int) create.invokeExact(out), "cublasCreate");
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Destroys a handle. */
    void destroy(MemorySegment handle) {
        try {
            check((int) destroy.invokeExact(handle), "cublasDestroy");
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /**
     * Row-major C[batch, m, n] = op(A)·op(B) for dense row-major A ({@code transA ? [k, m] : [m, k]})
     * and B ({@code transB ? [n, k] : [k, n]}), all device pointers; m, n, k ≥ 1, batch ≥ 1.
     */
    void gemmRowMajor(MemorySegment handle, DType dtype, int batch, int m, int n, int k, boolean transA, boolean transB,
        long a, long b, long c) {
        // Column-major: C^T (n x m) = op(B)^T (n x k) · op(A)^T (k x m).
        int opB = transB ? OP_T : OP_N;
        int opA = transA ? OP_T : OP_N;
        int ldb = transB ? k : n;
        int lda = transA ? m : k;
        int ldc = n;
        long strideA = (long) m * k;
        long strideB = (long) k * n;
        long strideC = (long) m * n;
        MemorySegment pa = MemorySegment.ofAddress(a);
        MemorySegment pb = MemorySegment.ofAddress(b);
        MemorySegment pc = MemorySegment.ofAddress(c);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment alpha;
            MemorySegment beta;
            if (dtype == DType.FLOAT64) {
                alpha = arena.allocateFrom(JAVA_DOUBLE, 1.0);
                beta = arena.allocateFrom(JAVA_DOUBLE, 0.0);
            } else {
                alpha = arena.allocateFrom(JAVA_FLOAT, 1.0f);
                beta = arena.allocateFrom(JAVA_FLOAT, 0.0f);
            }
            int r;
            if (batch == 1) {
                MethodHandle h = dtype == DType.FLOAT64 ? dgemm : sgemm;
                r = (int) h.invokeExact(handle, opB, opA, n, m, k, alpha, pb, ldb, pa, lda, beta, pc, ldc);
            } else {
                MethodHandle h = dtype == DType.FLOAT64 ? dgemmBatched : sgemmBatched;
                r = (int) h.invokeExact(handle, opB, opA, n, m, k, alpha, pb, ldb, strideB, pa, lda, strideA, beta, pc, ldc,
                    strideC, batch);
            }
            check(r, (dtype == DType.FLOAT64 ? "cublasDgemm" : "cublasSgemm") + (batch == 1 ? "" : "StridedBatched"));
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** The symbolic name of a {@code cublasStatus_t}. */
    static String statusName(int status) {
        return switch (status) {
            case 0 -> "CUBLAS_STATUS_SUCCESS";
            case 1 -> "CUBLAS_STATUS_NOT_INITIALIZED";
            case 3 -> "CUBLAS_STATUS_ALLOC_FAILED";
            case 7 -> "CUBLAS_STATUS_INVALID_VALUE";
            case 8 -> "CUBLAS_STATUS_ARCH_MISMATCH";
            case 11 -> "CUBLAS_STATUS_MAPPING_ERROR";
            case 13 -> "CUBLAS_STATUS_EXECUTION_FAILED";
            case 14 -> "CUBLAS_STATUS_INTERNAL_ERROR";
            case 15 -> "CUBLAS_STATUS_NOT_SUPPORTED";
            case 16 -> "CUBLAS_STATUS_LICENSE_ERROR";
            default -> "cublasStatus " + status;
        };
    }

    private static void check(int status, String call) {
        if (status != SUCCESS) {
            throw new CudaException(call + " failed: " + statusName(status), status, statusName(status));
        }
    }
}
