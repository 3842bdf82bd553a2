package org.atomstack.assembly.internal.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.SparsePolynomial;
import org.atomstack.api.tensor.Tensor;

/**
 * Backend benchmarks through the {@link org.atomstack.api.tensor.TensorOps} interface: GEMM
 * throughput (GFLOP/s, 2·m·n·k flops per product) for square and model-shaped products, with a
 * plain triple loop measured in the same process as the baseline, and per-edge kernel
 * throughput (edges per second) of the radial basis and the sparse-polynomial kernel. Each
 * figure is the median of the timed repeats after warm-up runs.
 */
public final class Benchmarks {
    private final Backend backend;
    private final DType dtype;
    private final int warmup;
    private final int repeats;

    /**
     * One GEMM measurement.
     *
     * @param shape       "m×k·k×n"
     * @param gflops      backend GFLOP/s
     * @param naiveGflops textbook i-j-k triple loop GFLOP/s (NaN when skipped as too slow)
     * @param ikjGflops   cache-friendly i-k-j triple loop GFLOP/s, which the JIT vectorises (NaN when skipped)
     */
    public record GemmResult(String shape, double gflops, double naiveGflops, double ikjGflops) {
        /** Backend over the textbook triple loop. */
        public double speedup() {
            return gflops / naiveGflops;
        }

        /** Backend over the i-k-j loop. */
        public double speedupIkj() {
            return gflops / ikjGflops;
        }
    }

    /**
     * One kernel measurement.
     *
     * @param kernel        what ran
     * @param edges         edges per call
     * @param outputs       values per edge
     * @param edgesPerSecond throughput
     */
    public record KernelResult(String kernel, int edges, int outputs, double edgesPerSecond) {
    }

    /**
     * @param backend the backend to measure
     * @param dtype   element type
     * @param warmup  untimed runs per case
     * @param repeats timed runs per case (median reported)
     */
    public Benchmarks(Backend backend, DType dtype, int warmup, int repeats) {
        if (repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("need repeats >= 1 and warmup >= 0, got " + repeats + ", " + warmup);
        }
        this.backend = backend;
        this.dtype = dtype;
        this.warmup = warmup;
        this.repeats = repeats;
    }

    /**
     * GEMM C[m×n] = A[m×k]·B[k×n].
     *
     * @param naiveLimit the triple loop runs only when m·n·k ≤ this (it is slow)
     */
    public GemmResult gemm(int m, int k, int n, long naiveLimit) {
        double[] a = random(m * k, 1);
        double[] b = random(k * n, 2);
        double flops = 2.0 * m * n * k;
        double seconds;
        try (Tensor ta = backend.fromDoubles(a, dtype, Shape.of(m, k)); Tensor tb = backend.fromDoubles(b, dtype, Shape.of(k, n))) {
            seconds = median(() -> {
                long t0 = System.nanoTime();
                try (Tensor c = backend.matmul(ta, tb, false, false)) {
                    return System.nanoTime() - t0;
                }
            });
        }
        double naive = Double.NaN;
        double ikj = Double.NaN;
        if ((long) m * n * k <= naiveLimit) {
            naive = flops / median(() -> timeLoop(() -> naive(a, b, m, k, n))) / 1e9;
            ikj = flops / median(() -> timeLoop(() -> ikj(a, b, m, k, n))) / 1e9;
        }
        return new GemmResult(m + "×" + k + "·" + k + "×" + n, flops / seconds / 1e9, naive, ikj);
    }

    private static long timeLoop(java.util.function.Supplier<double[]> loop) {
        long t0 = System.nanoTime();
        double[] c = loop.get();
        long dt = System.nanoTime() - t0;
        if (Double.isNaN(c[0])) {
            throw new IllegalStateException("triple loop produced NaN");
        }
        return dt;
    }

    /** Radial basis (8 Bessel functions, r_c = 5 Å, p = 6) and its first derivative on {@code edges} distances. */
    public List<KernelResult> radial(int edges) {
        RadialBasis basis = new RadialBasis(RadialBasis.Kind.BESSEL, 8, 5.0, 0.0, 6);
        double[] r = random(edges, 3);
        for (int i = 0; i < r.length; i++) {
            r[i] = 1.5 + 3.5 * (r[i] + 1) / 2;
        }
        List<KernelResult> out = new ArrayList<>();
        try (Tensor tr = backend.fromDoubles(r, dtype, Shape.of(edges))) {
            for (int d = 0; d <= 1; d++) {
                int order = d;
                double s = median(() -> {
                    long t0 = System.nanoTime();
                    try (Tensor y = backend.radialBasis(tr, basis, order)) {
                        return System.nanoTime() - t0;
                    }
                });
                out.add(new KernelResult("radial bessel n=8" + (d == 0 ? "" : " d/dr"), edges, 8, edges / s));
            }
        }
        return out;
    }

    /**
     * Sparse-polynomial kernel: all monomials x^a y^b z^c with a+b+c ≤ {@code degree} of the edge
     * vector (the workload of solid harmonics / Cartesian tensors up to that order), value and Jacobian.
     */
    public List<KernelResult> polynomial(int edges, int degree) {
        SparsePolynomial p = monomials(degree);
        double[] x = random(3 * edges, 4);
        List<KernelResult> out = new ArrayList<>();
        try (Tensor tx = backend.fromDoubles(x, dtype, Shape.of(edges, 3))) {
            for (SparsePolynomial q : List.of(p, p.jacobian())) {
                double s = median(() -> {
                    long t0 = System.nanoTime();
                    try (Tensor y = backend.sparsePolynomial(tx, q)) {
                        return System.nanoTime() - t0;
                    }
                });
                out.add(new KernelResult("polynomial deg≤" + degree + (q == p ? "" : " jacobian"), edges, q.outputs(), edges / s));
            }
        }
        return out;
    }

    static SparsePolynomial monomials(int degree) {
        List<int[]> exps = new ArrayList<>();
        for (int a = 0; a <= degree; a++) {
            for (int b = 0; a + b <= degree; b++) {
                for (int c = 0; a + b + c <= degree; c++) {
                    exps.add(new int[] {a, b, c});
                }
            }
        }
        int k = exps.size();
        int[] out = new int[k];
        double[] coeff = new double[k];
        int[] e = new int[3 * k];
        for (int i = 0; i < k; i++) {
            out[i] = i;
            coeff[i] = 1.0 + i * 0.01;
            System.arraycopy(exps.get(i), 0, e, 3 * i, 3);
        }
        return new SparsePolynomial(k, 3, out, coeff, e);
    }

    /** The baseline: the textbook i-j-k triple loop (dot products) on plain row-major arrays. */
    static double[] naive(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** The stronger baseline: the i-k-j loop order, streaming rows of B (the JIT vectorises it). */
    static double[] ikj(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aip * b[p * n + j];
                }
            }
        }
        return c;
    }

    private double median(LongSupplier run) {
        for (int i = 0; i < warmup; i++) {
            run.getAsLong();
        }
        long[] t = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            t[i] = run.getAsLong();
        }
        Arrays.sort(t);
        return t[repeats / 2] / 1e9;
    }

    private static double[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-1, 1);
        }
        return v;
    }
}
