// A host emulation of the cuBLAS entry points backend-cuda uses (libcublas.so.13), for tests
// without a GPU: column-major GEMM with the reference-BLAS semantics and argument checks of
// cuBLAS (CUBLAS_STATUS_INVALID_VALUE for a leading dimension below the stored rows), so the Java
// side's row-major-to-column-major mapping is checked independently of it. Links against the
// emulated driver to verify that a context is current and that every matrix lies inside a device
// allocation.

#include <cstddef>
#include <cstdio>

extern "C" int atomstack_emu_context_current(void);
extern "C" int atomstack_emu_inside(unsigned long long pointer, size_t bytes);

namespace {

const int SUCCESS = 0, NOT_INITIALIZED = 1, INVALID_VALUE = 7, EXECUTION_FAILED = 13;
const int OP_N = 0, OP_T = 1, OP_C = 2;

struct Handle {
    int magic;
};

int validHandle(void* h) {
    return h != nullptr && static_cast<Handle*>(h)->magic == 0x0b1a5;
}

// Whether a column-major matrix of `rows` x `cols` with leading dimension ld fits its allocation.
template <typename T>
bool fits(const T* p, int rows, int cols, int ld) {
    if (rows == 0 || cols == 0) {
        return true;
    }
    size_t elements = (size_t) (cols - 1) * (size_t) ld + (size_t) rows;
    return atomstack_emu_inside((unsigned long long) p, elements * sizeof(T));
}

template <typename T>
int gemm(void* h, int ta, int tb, int m, int n, int k, const T* alpha, const T* A, int lda, long long strideA, const T* B, int ldb,
         long long strideB, const T* beta, T* C, int ldc, long long strideC, int batch) {
    if (!validHandle(h)) {
        return NOT_INITIALIZED;
    }
    if (!atomstack_emu_context_current()) {
        std::fprintf(stderr, "emulated cuBLAS: no CUDA context is current on the calling thread\n");
        return EXECUTION_FAILED;
    }
    if ((ta != OP_N && ta != OP_T && ta != OP_C) || (tb != OP_N && tb != OP_T && tb != OP_C) || m < 0 || n < 0 || k < 0 || batch < 0) {
        return INVALID_VALUE;
    }
    int aRows = ta == OP_N ? m : k, aCols = ta == OP_N ? k : m;
    int bRows = tb == OP_N ? k : n, bCols = tb == OP_N ? n : k;
    if (lda < (aRows > 1 ? aRows : 1) || ldb < (bRows > 1 ? bRows : 1) || ldc < (m > 1 ? m : 1)) {
        return INVALID_VALUE;
    }
    for (int q = 0; q < batch; ++q) {
        const T* a = A + q * strideA;
        const T* b = B + q * strideB;
        T* c = C + q * strideC;
        if (!fits(a, aRows, aCols, lda) || !fits(b, bRows, bCols, ldb) || !fits(c, m, n, ldc)) {
            std::fprintf(stderr, "emulated cuBLAS: batch %d: a matrix lies outside its device allocation\n", q);
            return EXECUTION_FAILED;
        }
        for (int j = 0; j < n; ++j) {
            for (int i = 0; i < m; ++i) {
                T acc = 0;
                for (int p = 0; p < k; ++p) {
                    T av = ta == OP_N ? a[i + (long long) p * lda] : a[p + (long long) i * lda];
                    T bv = tb == OP_N ? b[p + (long long) j * ldb] : b[j + (long long) p * ldb];
                    acc += av * bv;
                }
                T* out = c + i + (long long) j * ldc;
                *out = *beta == 0 ? *alpha * acc : *alpha * acc + *beta * *out;
            }
        }
    }
    return SUCCESS;
}

} // namespace

extern "C" {

int cublasCreate_v2(void** handle) {
    if (!atomstack_emu_context_current()) {
        return NOT_INITIALIZED;
    }
    *handle = new Handle{0x0b1a5};
    return SUCCESS;
}

int cublasDestroy_v2(void* handle) {
    if (!validHandle(handle)) {
        return NOT_INITIALIZED;
    }
    static_cast<Handle*>(handle)->magic = 0;
    delete static_cast<Handle*>(handle);
    return SUCCESS;
}

int cublasGetProperty(int type, int* value) {
    switch (type) {
        case 0: *value = 13; return SUCCESS;
        case 1: *value = 0; return SUCCESS;
        case 2: *value = 99; return SUCCESS;
        default: return INVALID_VALUE;
    }
}

int cublasDgemm_v2(void* h, int ta, int tb, int m, int n, int k, const double* alpha, const double* A, int lda, const double* B,
                   int ldb, const double* beta, double* C, int ldc) {
    return gemm(h, ta, tb, m, n, k, alpha, A, lda, 0, B, ldb, 0, beta, C, ldc, 0, 1);
}

int cublasSgemm_v2(void* h, int ta, int tb, int m, int n, int k, const float* alpha, const float* A, int lda, const float* B,
                   int ldb, const float* beta, float* C, int ldc) {
    return gemm(h, ta, tb, m, n, k, alpha, A, lda, 0, B, ldb, 0, beta, C, ldc, 0, 1);
}

int cublasDgemmStridedBatched(void* h, int ta, int tb, int m, int n, int k, const double* alpha, const double* A, int lda,
                              long long strideA, const double* B, int ldb, long long strideB, const double* beta, double* C,
                              int ldc, long long strideC, int batch) {
    return gemm(h, ta, tb, m, n, k, alpha, A, lda, strideA, B, ldb, strideB, beta, C, ldc, strideC, batch);
}

int cublasSgemmStridedBatched(void* h, int ta, int tb, int m, int n, int k, const float* alpha, const float* A, int lda,
                              long long strideA, const float* B, int ldb, long long strideB, const float* beta, float* C,
                              int ldc, long long strideC, int batch) {
    return gemm(h, ta, tb, m, n, k, alpha, A, lda, strideA, B, ldb, strideB, beta, C, ldc, strideC, batch);
}

} // extern "C"
