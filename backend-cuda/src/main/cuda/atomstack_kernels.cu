// Kernels of the atomstack CUDA backend (module org.atomstack.backend.cuda).
//
// One self-contained source, compiled three ways:
//   * by nvcc at build time: PTX for compute_75 and SASS for sm_90 (see backend-cuda/pom.xml);
//   * by NVRTC at run time when the jar carries no prebuilt image (no #include, every kernel
//     extern "C", so the names are the ones the Java side resolves with cuModuleGetFunction);
//   * as plain host C++ with ATOMSTACK_HOST_EMULATION defined, by the emulated-device tests,
//     which run every kernel thread by thread on the CPU through a fake libcuda.
//
// Conventions shared with the Java side (org.atomstack.backend.cuda.internal):
//   * every kernel is 1-D and grid-stride: any grid covers all n work items;
//   * element counts and offsets are 64-bit (long long); device pointers are 64-bit;
//   * structs passed by value hold only 8-byte fields, so their layout has no padding;
//   * no kernel uses atomics or shared memory: each output element is written by exactly one
//     thread, which accumulates its terms in a fixed order, so results are deterministic from
//     run to run (and scatter_add / sum_axis / poly use the CPU backend's summation order);
//   * FLOAT32 kernels compute in float, except the radial basis, which (like the CPU backend)
//     evaluates in double and rounds once.

#ifdef ATOMSTACK_HOST_EMULATION
#include <math.h>
struct as_dim3 {
    unsigned int x, y, z;
};
// Set by the emulated cuLaunchKernel before it calls a kernel once per (block, thread).
static thread_local as_dim3 blockIdx, threadIdx, blockDim, gridDim;
#define AS_GLOBAL extern "C"
#define AS_FN static inline
#else
#define AS_GLOBAL extern "C" __global__
#define AS_FN __device__ __forceinline__
#endif

#define GRID_LOOP(i, n)                                                                  \
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n);       \
         i += (long long) blockDim.x * gridDim.x)

#define AS_PI 3.141592653589793
#define AS_MAX_RANK 16

// Operation codes; the Java side maps UnaryOp / BinaryOp / RadialBasis.Kind to these numbers
// (OpCodes.java, checked against this file by OpCodesTest).
enum {
    U_NEG = 0,
    U_EXP = 1,
    U_LOG = 2,
    U_SQRT = 3,
    U_SQUARE = 4,
    U_RECIPROCAL = 5,
    U_SIN = 6,
    U_COS = 7,
    U_TANH = 8,
    U_SIGMOID = 9,
    U_SILU = 10,
    U_SOFTPLUS = 11,
    U_ABS = 12,
    U_SIGN = 13,
    U_STEP = 14
};

enum {
    B_ADD = 0,
    B_SUB = 1,
    B_MUL = 2,
    B_DIV = 3,
    B_POW = 4,
    B_MAX = 5,
    B_MIN = 6,
    B_GREATER_EQUAL = 7
};

enum {
    R_BESSEL = 0,
    R_CHEBYSHEV = 1,
    R_GAUSSIAN = 2
};

// An iteration space of `rank` merged axes and, per axis, the element strides of two operands
// (a, b). Packed by StridePack.java: 1 + 3 * AS_MAX_RANK longs.
struct Strides {
    long long rank;
    long long dims[AS_MAX_RANK];
    long long a[AS_MAX_RANK];
    long long b[AS_MAX_RANK];
};

// Parameters of the fused radial basis (RadialParams.java): 4 longs then 2 doubles.
struct Radial {
    long long kind;
    long long count;
    long long k;        // derivative order
    long long envelope; // envelope power p
    double cutoff;
    double inner;
};

// ------------------------------------------------------------------ math by type

AS_FN double as_exp(double x) { return exp(x); }
AS_FN float as_exp(float x) { return expf(x); }
AS_FN double as_log(double x) { return log(x); }
AS_FN float as_log(float x) { return logf(x); }
AS_FN double as_log1p(double x) { return log1p(x); }
AS_FN float as_log1p(float x) { return log1pf(x); }
AS_FN double as_sqrt(double x) { return sqrt(x); }
AS_FN float as_sqrt(float x) { return sqrtf(x); }
AS_FN double as_sin(double x) { return sin(x); }
AS_FN float as_sin(float x) { return sinf(x); }
AS_FN double as_cos(double x) { return cos(x); }
AS_FN float as_cos(float x) { return cosf(x); }
AS_FN double as_tanh(double x) { return tanh(x); }
AS_FN float as_tanh(float x) { return tanhf(x); }
AS_FN double as_fabs(double x) { return fabs(x); }
AS_FN float as_fabs(float x) { return fabsf(x); }
AS_FN double as_pow(double x, double y) { return pow(x, y); }
AS_FN float as_pow(float x, float y) { return powf(x, y); }
AS_FN bool as_negative_zero(double x) { return x == 0 && copysign(1.0, x) < 0; }
AS_FN bool as_negative_zero(float x) { return x == 0 && copysignf(1.0f, x) < 0; }

// ------------------------------------------------------------------ element functions

template <typename T>
AS_FN T as_sigmoid(T x) {
    if (x >= 0) {
        return T(1) / (T(1) + as_exp(-x));
    }
    T e = as_exp(x);
    return e / (T(1) + e);
}

template <typename T>
AS_FN T unary_op(int op, T x) {
    switch (op) {
        case U_NEG: return -x;
        case U_EXP: return as_exp(x);
        case U_LOG: return as_log(x);
        case U_SQRT: return as_sqrt(x);
        case U_SQUARE: return x * x;
        case U_RECIPROCAL: return T(1) / x;
        case U_SIN: return as_sin(x);
        case U_COS: return as_cos(x);
        case U_TANH: return as_tanh(x);
        case U_SIGMOID: return as_sigmoid(x);
        case U_SILU: return x * as_sigmoid(x);
        case U_SOFTPLUS: return x > 0 ? x + as_log1p(as_exp(-x)) : as_log1p(as_exp(x));
        case U_ABS: return as_fabs(x);
        case U_SIGN: return x > 0 ? T(1) : x < 0 ? T(-1) : x; // keeps +-0 and NaN, like Math.signum
        case U_STEP: return x > 0 ? T(1) : T(0);
        default: return x - x + as_log(T(-1)); // NaN; the Java side never sends an unknown code
    }
}

// Math.max / Math.min semantics: NaN wins, and +0 is larger than -0.
template <typename T>
AS_FN T java_max(T a, T b) {
    if (a != a) {
        return a;
    }
    if (a == 0 && b == 0 && as_negative_zero(a)) {
        return b;
    }
    return a >= b ? a : b;
}

template <typename T>
AS_FN T java_min(T a, T b) {
    if (a != a) {
        return a;
    }
    if (a == 0 && b == 0 && as_negative_zero(b)) {
        return b;
    }
    return a <= b ? a : b;
}

// Math.pow semantics where they differ from C's pow: a NaN exponent gives NaN (C: pow(1, NaN)
// = 1), and |a| = 1 with an infinite exponent gives NaN (C: 1).
template <typename T>
AS_FN T java_pow(T a, T b) {
    if (b != b) {
        return b;
    }
    if (as_fabs(a) == T(1) && (b - b) != (b - b)) { // b infinite: b - b is NaN
        return b - b;
    }
    return as_pow(a, b);
}

template <typename T>
AS_FN T binary_op(int op, T a, T b) {
    switch (op) {
        case B_ADD: return a + b;
        case B_SUB: return a - b;
        case B_MUL: return a * b;
        case B_DIV: return a / b;
        case B_POW: return java_pow(a, b);
        case B_MAX: return java_max(a, b);
        case B_MIN: return java_min(a, b);
        case B_GREATER_EQUAL: return a >= b ? T(1) : T(0);
        default: return a - a + as_log(T(-1));
    }
}

// Element offsets of output item i in the two operands of s.
AS_FN void strided_offsets(const Strides& s, long long i, long long& oa, long long& ob) {
    if (s.rank == 1) {
        oa = i * s.a[0];
        ob = i * s.b[0];
        return;
    }
    oa = 0;
    ob = 0;
    for (int d = (int) s.rank - 1; d >= 0; --d) {
        long long q = i / s.dims[d];
        long long r = i - q * s.dims[d];
        oa += r * s.a[d];
        ob += r * s.b[d];
        i = q;
    }
}

// ------------------------------------------------------------------ creation, casts, copies

AS_GLOBAL void fill_b32(unsigned int* out, unsigned int v, long long n) {
    GRID_LOOP(i, n) { out[i] = v; }
}

AS_GLOBAL void fill_b64(unsigned long long* out, unsigned long long v, long long n) {
    GRID_LOOP(i, n) { out[i] = v; }
}

AS_GLOBAL void cast_f64_f32(const double* x, float* y, long long n) {
    GRID_LOOP(i, n) { y[i] = (float) x[i]; }
}

AS_GLOBAL void cast_f32_f64(const float* x, double* y, long long n) {
    GRID_LOOP(i, n) { y[i] = (double) x[i]; }
}

AS_GLOBAL void cast_i32_f64(const int* x, double* y, long long n) {
    GRID_LOOP(i, n) { y[i] = (double) x[i]; }
}

AS_GLOBAL void cast_i32_f32(const int* x, float* y, long long n) {
    GRID_LOOP(i, n) { y[i] = (float) x[i]; }
}

// dst[dstOff + offset_b(i)] = src[srcOff + offset_a(i)] over the iteration space of s:
// transpose, slice, broadcastTo and each part of concat, for 4- and 8-byte elements.
#define AS_COPY(name, W)                                                                  \
    AS_GLOBAL void name(const W* src, long long srcOff, W* dst, long long dstOff,         \
                        long long n, Strides s) {                                         \
        GRID_LOOP(i, n) {                                                                 \
            long long oa, ob;                                                             \
            strided_offsets(s, i, oa, ob);                                                \
            dst[dstOff + ob] = src[srcOff + oa];                                          \
        }                                                                                 \
    }
AS_COPY(copy_b32, unsigned int)
AS_COPY(copy_b64, unsigned long long)

// ------------------------------------------------------------------ element-wise

#define AS_UNARY(name, T)                                                                 \
    AS_GLOBAL void name(int op, const T* x, T* y, long long n) {                          \
        GRID_LOOP(i, n) { y[i] = unary_op<T>(op, x[i]); }                                 \
    }
AS_UNARY(unary_f64, double)
AS_UNARY(unary_f32, float)

// c[i] = op(a[offset_a(i)], b[offset_b(i)]): NumPy broadcasting through zero strides.
#define AS_BINARY(name, T)                                                                \
    AS_GLOBAL void name(int op, const T* a, const T* b, T* c, long long n, Strides s) {   \
        GRID_LOOP(i, n) {                                                                 \
            long long oa, ob;                                                             \
            strided_offsets(s, i, oa, ob);                                                \
            c[i] = binary_op<T>(op, a[oa], b[ob]);                                        \
        }                                                                                 \
    }
AS_BINARY(binary_f64, double)
AS_BINARY(binary_f32, float)

// ------------------------------------------------------------------ reductions

// out[o, i] = sum_k in[o, k, i] for an input viewed as [outer, n, inner]: one thread per
// output, ascending k (the CPU backend's order).
#define AS_SUM_AXIS(name, T)                                                              \
    AS_GLOBAL void name(const T* in, T* out, long long outer, long long n, long long inner) { \
        GRID_LOOP(t, outer * inner) {                                                     \
            long long o = t / inner;                                                      \
            long long i = t - o * inner;                                                  \
            const T* p = in + o * n * inner + i;                                          \
            T acc = 0;                                                                    \
            for (long long k = 0; k < n; ++k) {                                           \
                acc += p[k * inner];                                                      \
            }                                                                             \
            out[t] = acc;                                                                 \
        }                                                                                 \
    }
AS_SUM_AXIS(sum_axis_f64, double)
AS_SUM_AXIS(sum_axis_f32, float)

// First pass of a long reduction: partial[o, c, i] = sum over k in chunk c of in[o, k, i],
// chunks of `chunk` consecutive k; sum_axis over the chunks finishes it. Used when there are
// too few outputs to occupy the device with one thread each.
#define AS_SUM_CHUNKS(name, T)                                                            \
    AS_GLOBAL void name(const T* in, T* partial, long long outer, long long n,            \
                        long long inner, long long chunk, long long chunks) {             \
        GRID_LOOP(t, outer * chunks * inner) {                                            \
            long long i = t % inner;                                                      \
            long long c = (t / inner) % chunks;                                           \
            long long o = t / (inner * chunks);                                           \
            long long k0 = c * chunk;                                                     \
            long long k1 = k0 + chunk < n ? k0 + chunk : n;                               \
            const T* p = in + o * n * inner + i;                                          \
            T acc = 0;                                                                    \
            for (long long k = k0; k < k1; ++k) {                                         \
                acc += p[k * inner];                                                      \
            }                                                                             \
            partial[t] = acc;                                                             \
        }                                                                                 \
    }
AS_SUM_CHUNKS(sum_chunks_f64, double)
AS_SUM_CHUNKS(sum_chunks_f32, float)

// ------------------------------------------------------------------ matrix product

// The GEMM used when cuBLAS is not available: C[q, i, j] = sum_p A[q, i, p] B[q, p, j] with A and
// B addressed through element strides (transposes are stride swaps), one thread per element of
// C, ascending p.
#define AS_GEMM(name, T)                                                                  \
    AS_GLOBAL void name(const T* A, const T* B, T* C, long long batch, long long m,       \
                        long long n, long long k, long long ars, long long acs,           \
                        long long aBatch, long long brs, long long bcs, long long bBatch) { \
        GRID_LOOP(t, batch * m * n) {                                                     \
            long long j = t % n;                                                          \
            long long i = (t / n) % m;                                                    \
            long long q = t / (m * n);                                                    \
            const T* a = A + q * aBatch + i * ars;                                        \
            const T* b = B + q * bBatch + j * bcs;                                        \
            T acc = 0;                                                                    \
            for (long long p = 0; p < k; ++p) {                                           \
                acc += a[p * acs] * b[p * brs];                                           \
            }                                                                             \
            C[t] = acc;                                                                   \
        }                                                                                 \
    }
AS_GEMM(gemm_f64, double)
AS_GEMM(gemm_f32, float)

// ------------------------------------------------------------------ indexing

// out[r, c] = x[index[r], c] for rows of rowLen elements (indices checked on the host).
#define AS_GATHER(name, W)                                                                \
    AS_GLOBAL void name(const W* x, const int* index, W* out, long long rows, long long rowLen) { \
        GRID_LOOP(t, rows * rowLen) {                                                     \
            long long r = t / rowLen;                                                     \
            long long c = t - r * rowLen;                                                 \
            out[t] = x[(long long) index[r] * rowLen + c];                                \
        }                                                                                 \
    }
AS_GATHER(gather_b32, unsigned int)
AS_GATHER(gather_b64, unsigned long long)

// Segment sum without atomics: the source rows of target row r are order[start[r] ..
// start[r+1]-1] (grouped on the host by a stable counting sort, ascending source row), and one
// thread per output element adds them in that order, as the CPU backend does.
#define AS_SCATTER_ADD(name, T)                                                           \
    AS_GLOBAL void name(const T* src, const int* start, const int* order, T* out,         \
                        long long rows, long long rowLen) {                               \
        GRID_LOOP(t, rows * rowLen) {                                                     \
            long long r = t / rowLen;                                                     \
            long long c = t - r * rowLen;                                                 \
            T acc = 0;                                                                    \
            for (int j = start[r]; j < start[r + 1]; ++j) {                               \
                acc += src[(long long) order[j] * rowLen + c];                            \
            }                                                                             \
            out[t] = acc;                                                                 \
        }                                                                                 \
    }
AS_SCATTER_ADD(scatter_add_f64, double)
AS_SCATTER_ADD(scatter_add_f32, float)

// ------------------------------------------------------------------ radial basis
// Same maths as the CPU backend's RadialKernel: d^k/dr^k [f_n(r) u(r)] by the Leibniz rule
// sum_j C(k, j) f_n^(j) u^(k-j), one thread per (edge, function), all in double.

// u^(m)(r) of the envelope u = 1 - (p+1)(p+2)/2 s^p + p(p+2) s^(p+1) - p(p+1)/2 s^(p+2), s = r/rc.
AS_FN double envelope_derivative(double r, double rc, long long p, long long m) {
    double s = r / rc;
    double coeff[4] = {1, -(p + 1) * (p + 2) / 2.0, (double) (p * (p + 2)), -p * (p + 1) / 2.0};
    long long power[4] = {0, p, p + 1, p + 2};
    double v = 0;
    for (int t = 0; t < 4; ++t) {
        long long q = power[t];
        if (m > q) {
            continue;
        }
        double fall = 1;
        for (long long i = 0; i < m; ++i) {
            fall *= (double) (q - i);
        }
        v += coeff[t] * fall * pow(s, (double) (q - m));
    }
    double scale = 1;
    for (long long i = 0; i < m; ++i) {
        scale /= rc;
    }
    return v * scale;
}

// d^j/dr^j sin(a r)/r by Leibniz on sin(a r) * r^-1 (without the normalisation).
AS_FN double bessel_closed(double a, long long j, double sn, double cs, double inv) {
    double s = 0;
    double cji = 1; // C(j, i)
    double ai = 1;  // a^i
    for (long long i = 0; i <= j; ++i) {
        long long rest = j - i;
        int quarter = (int) (i & 3);
        double trig = quarter == 0 ? sn : quarter == 1 ? cs : quarter == 2 ? -sn : -cs;
        double fact = 1;
        for (long long q = 2; q <= rest; ++q) {
            fact *= (double) q;
        }
        double invPow = pow(inv, (double) (rest + 1));
        s += cji * ai * trig * ((rest & 1) == 0 ? 1 : -1) * fact * invPow;
        cji = cji * (double) (j - i) / (double) (i + 1);
        ai *= a;
    }
    return s;
}

// The Taylor series of sin(a r)/r differentiated j times (for small a r, and exact at r = 0),
// including the normalisation.
AS_FN double bessel_series(double a, double r, double norm, long long j) {
    double x = a * r;
    double s = 0;
    long long m0 = (j + 1) / 2;
    double xp = pow(x, (double) (2 * m0 - j));
    double fact = 1;
    for (long long q = 2; q <= 2 * m0 - j; ++q) {
        fact *= (double) q;
    }
    for (long long m = m0; m < m0 + 100; ++m) {
        if (m > m0) {
            long long e = 2 * m - j;
            xp *= x * x;
            fact *= (double) e * (double) (e - 1);
        }
        double term = ((m & 1) == 0 ? 1 : -1) * xp / ((double) (2 * m + 1) * fact);
        s += term;
        if (fabs(term) <= 1e-18 * fabs(s)) {
            break;
        }
    }
    return norm * pow(a, (double) (j + 1)) * s;
}

// d^j/dx^j T_n(x): the three-term recurrence for j = 0, and for j >= 1 the Gegenbauer form
// T_n^(j) = n 2^(j-1) (j-1)! C^(j)_(n-j)(x), which needs O(1) storage per thread.
AS_FN double chebyshev_derivative(long long n, long long j, double x) {
    if (j == 0) {
        if (n == 0) {
            return 1;
        }
        double t0 = 1;
        double t1 = x;
        for (long long m = 2; m <= n; ++m) {
            double t2 = 2 * x * t1 - t0;
            t0 = t1;
            t1 = t2;
        }
        return t1;
    }
    if (j > n) {
        return 0;
    }
    double lambda = (double) j;
    long long degree = n - j;
    double c = 1;
    if (degree >= 1) {
        double c0 = 1;
        double c1 = 2 * lambda * x;
        for (long long m = 2; m <= degree; ++m) {
            double c2 = (2 * x * ((double) m + lambda - 1) * c1 - ((double) m + 2 * lambda - 2) * c0) / (double) m;
            c0 = c1;
            c1 = c2;
        }
        c = c1;
    }
    double factor = (double) n;
    for (long long i = 1; i < j; ++i) {
        factor *= 2.0 * (double) i;
    }
    return factor * c;
}

AS_FN double radial_value(double r, long long n, const Radial& p) {
    double rc = p.cutoff;
    if (!(r < rc)) {
        return r >= rc ? 0.0 : r; // beyond the cutoff 0; NaN stays NaN
    }
    long long k = p.k;
    double sum = 0;
    double binom = 1; // C(k, j)
    if (p.kind == R_BESSEL) {
        double norm = sqrt(2 / rc);
        double a = (double) (n + 1) * AS_PI / rc;
        double x = a * r;
        bool series = fabs(x) < 1 + 0.5 * (double) k;
        double sn = sin(x);
        double cs = cos(x);
        double inv = 1 / r;
        for (long long j = 0; j <= k; ++j) {
            double f = series ? bessel_series(a, r, norm, j) : norm * bessel_closed(a, j, sn, cs, inv);
            sum += binom * f * envelope_derivative(r, rc, p.envelope, k - j);
            binom = binom * (double) (k - j) / (double) (j + 1);
        }
    } else if (p.kind == R_CHEBYSHEV) {
        double g = 2 / (rc - p.inner);
        double x = g * (r - p.inner) - 1;
        double scale = 1; // g^j
        for (long long j = 0; j <= k; ++j) {
            double f = chebyshev_derivative(n, j, x) * scale;
            sum += binom * f * envelope_derivative(r, rc, p.envelope, k - j);
            binom = binom * (double) (k - j) / (double) (j + 1);
            scale *= g;
        }
    } else {
        long long intervals = p.count - 1 > 1 ? p.count - 1 : 1;
        double delta = (rc - p.inner) / (double) intervals;
        double t = (r - (p.inner + (double) n * delta)) / delta;
        double e = exp(-0.5 * t * t);
        double before = 0; // He_(j-1)
        double he = 1;     // He_j
        double scale = 1;  // (-1/delta)^j
        for (long long j = 0; j <= k; ++j) {
            double f = scale * he * e;
            sum += binom * f * envelope_derivative(r, rc, p.envelope, k - j);
            binom = binom * (double) (k - j) / (double) (j + 1);
            double next = t * he - (double) j * before;
            before = he;
            he = next;
            scale *= -1 / delta;
        }
    }
    return sum;
}

// out[e, n] = d^k R_n(r_e)/dr^k, one thread per (e, n).
#define AS_RADIAL(name, T)                                                                \
    AS_GLOBAL void name(const T* r, T* out, long long edges, Radial p) {                  \
        GRID_LOOP(t, edges * p.count) {                                                   \
            long long e = t / p.count;                                                    \
            long long n = t - e * p.count;                                                \
            out[t] = (T) radial_value((double) r[e], n, p);                               \
        }                                                                                 \
    }
AS_RADIAL(radial_f64, double)
AS_RADIAL(radial_f32, float)

// ------------------------------------------------------------------ sparse polynomials

// out[pt, k] = sum over the terms of output k (ascending term order) of c_t prod_f x[pt, var_f]^exp_f,
// one thread per (point, output). Powers are built by repeated multiplication from 1, as in the
// CPU backend's power table. The plan (PolynomialPlan.java) lists, per output, its terms, and
// per term its non-zero exponents.
#define AS_POLY(name, T)                                                                  \
    AS_GLOBAL void name(const T* x, T* out, long long points, long long variables,        \
                        long long outputs, const double* coeff, const int* termStart,     \
                        const int* factorStart, const int* factorVar, const int* factorExp) { \
        GRID_LOOP(t, points * outputs) {                                                  \
            long long pt = t / outputs;                                                   \
            long long k = t - pt * outputs;                                               \
            const T* xp = x + pt * variables;                                             \
            T acc = 0;                                                                    \
            for (int term = termStart[k]; term < termStart[k + 1]; ++term) {              \
                T v = (T) coeff[term];                                                    \
                for (int f = factorStart[term]; f < factorStart[term + 1]; ++f) {         \
                    T xq = xp[factorVar[f]];                                              \
                    T pw = 1;                                                             \
                    for (int e = 0; e < factorExp[f]; ++e) {                              \
                        pw *= xq;                                                         \
                    }                                                                     \
                    v *= pw;                                                              \
                }                                                                         \
                acc += v;                                                                 \
            }                                                                             \
            out[t] = acc;                                                                 \
        }                                                                                 \
    }
AS_POLY(poly_f64, double)
AS_POLY(poly_f32, float)
