package org.atomstack.backend.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.tensor.BinaryOp;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.SparsePolynomial;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;
import org.atomstack.api.tensor.TensorScope;
import org.atomstack.api.tensor.UnaryOp;
import org.atomstack.backend.cpu.internal.CpuBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks of the CUDA backend beyond the shared contract, run on the emulated device and on a
 * real GPU: device memory is released when tensors and backends close; the fused kernels agree
 * with the CPU backend to high derivative orders; scatter-add is bitwise the CPU backend's and
 * deterministic; the two-pass sums, cuBLAS and the GEMM kernel, and NVRTC-compiled and prebuilt
 * kernels agree; concurrent use from several threads gives the sequential results.
 */
abstract class DeviceChecks {
    /** Settings of the device under test. */
    abstract CudaSettings settings();

    /** Opens a backend on the device under test with the given settings. */
    abstract Backend open(CudaSettings settings);

    /** Device memory the driver may take or give back on its own between two readings (module loading, cuBLAS workspaces). */
    abstract long memorySlack();

    private static Backend cpu() {
        return new CpuBackendProvider().open();
    }

    @Test
    void deviceMemoryIsFreedWhenTheLastViewClosesAndWhenTheBackendCloses() {
        try (Backend observer = open(settings())) {
            CudaBackendInfo info = (CudaBackendInfo) observer;
            warmUp(observer);
            long baseline = info.deviceFreeBytes();
            long bytes = 64L << 20;
            int n = (int) (bytes / 8);
            Tensor big = observer.full(Shape.of(n), DType.FLOAT64, 1.5);
            Tensor view = observer.reshape(big, Shape.of(n / 4, 4));
            Tensor index = observer.fromInts(new int[] {0, 1, 1, 3}, Shape.of(4));
            Tensor rows = observer.slice(view, 0, 0, 4);
            Tensor summed = observer.scatterAdd(rows, index, 4);
            assertTrue(info.allocatedBytes() >= bytes, "allocated " + info.allocatedBytes());
            assertTrue(info.deviceFreeBytes() <= baseline - bytes + memorySlack(), "free memory must drop by the allocation");
            big.close();
            assertEquals(1.5, observer.toDoubles(view)[n - 1], "a view keeps the memory alive");
            assertTrue(info.allocatedBytes() >= bytes, "a view keeps the memory alive");
            view.close();
            assertTrue(info.allocatedBytes() < 1 << 10, "the last view frees the memory, " + info.allocatedBytes() + " bytes remain");
            for (Tensor t : List.of(index, rows, summed)) {
                t.close();
            }
            assertEquals(0, observer.openTensors());
            assertEquals(0, info.allocatedBytes(), "closing an index frees its grouped form too");
            assertTrue(info.deviceFreeBytes() >= baseline - memorySlack(),
                String.format(Locale.ROOT, "free memory must come back: baseline %d, now %d", baseline, info.deviceFreeBytes()));

            long beforeSecond = info.deviceFreeBytes();
            Backend second = open(settings());
            second.full(Shape.of(n), DType.FLOAT64, 2);
            second.fromDoubles(new double[1000], DType.FLOAT32, Shape.of(1000));
            assertTrue(info.deviceFreeBytes() <= beforeSecond - bytes + memorySlack());
            assertEquals(2, second.openTensors());
            second.close();
            assertEquals(0, ((CudaBackendInfo) second).allocatedBytes(), "closing the backend frees what its tensors held");
            assertTrue(info.deviceFreeBytes() >= beforeSecond - memorySlack(),
                String.format(Locale.ROOT, "free memory after closing a backend with open tensors: before %d, now %d", beforeSecond,
                    info.deviceFreeBytes()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RadialBasis.Kind.class)
    void radialBasisAndDerivativesUpToOrderSixAgreeWithTheCpuBackend(RadialBasis.Kind kind) {
        double[] r = {0.0, 1e-4, 0.05, 0.31, 0.9, 1.7, 2.5, 3.3, 4.1, 4.8, 4.9999, 5.0, 5.5};
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            for (RadialBasis basis : List.of(new RadialBasis(kind, 9, 5.0, 0.25, 3), new RadialBasis(kind, 1, 5.0, 0.0, 6))) {
                for (int k = 0; k <= 6; k++) {
                    int order = k;
                    double[] expected = onCpu(ops -> ops.radialBasis(ops.fromDoubles(r, dtype, Shape.of(r.length)), basis, order));
                    double[] got = onDevice(ops -> ops.radialBasis(ops.fromDoubles(r, dtype, Shape.of(r.length)), basis, order));
                    double scale = 0;
                    for (double v : expected) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                    double tolerance = (dtype == DType.FLOAT64 ? 1e-9 : 2e-6) * (1 + scale);
                    for (int i = 0; i < expected.length; i++) {
                        if (!(Math.abs(expected[i] - got[i]) <= tolerance)) {
                            fail(String.format(Locale.ROOT, "%s %s count %d order %d, r = %s, function %d: cpu %.15g, cuda %.15g", kind, dtype,
                                basis.count(), k, r[i / basis.count()], i % basis.count(), expected[i], got[i]));
                        }
                    }
                }
            }
        }
    }

    @Test
    void sparsePolynomialsAndTheirJacobiansAgreeWithTheCpuBackend() {
        SparsePolynomial p = polynomial(7, 3, 40, 11);
        double[] x = random(3 * 5000, 12, -1.5, 1.5);
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            for (SparsePolynomial q : List.of(p, p.jacobian())) {
                double[] expected = onCpu(ops -> ops.sparsePolynomial(ops.fromDoubles(x, dtype, Shape.of(5000, 3)), q));
                double[] got = onDevice(ops -> ops.sparsePolynomial(ops.fromDoubles(x, dtype, Shape.of(5000, 3)), q));
                assertClose(expected, got, dtype == DType.FLOAT64 ? 1e-12 : 1e-5, "sparse polynomial " + dtype);
            }
        }
    }

    @Test
    void longSumsTakeTheTwoPassPathAndAgreeWithTheCpuBackend() {
        double[] v = random(300_000, 13, -1, 1);
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            double tol = dtype == DType.FLOAT64 ? 1e-13 : 1e-6;
            for (int[] dims : new int[][] {{300_000}, {3, 100_000}, {100_000, 3}, {2, 50_000, 3}}) {
                for (int axis = 0; axis < dims.length; axis++) {
                    int ax = axis;
                    double[] expected = onCpu(ops -> ops.sum(ops.fromDoubles(v, dtype, Shape.of(dims)), ax, false));
                    double[] got = onDevice(ops -> ops.sum(ops.fromDoubles(v, dtype, Shape.of(dims)), ax, false));
                    double mag = 0;
                    for (double x : v) {
                        mag += Math.abs(x);
                    }
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], got[i], tol * (1 + mag), dtype + " sum of " + java.util.Arrays.toString(dims) + " over " + ax);
                    }
                }
            }
        }
    }

    @Test
    void scatterAddIsBitwiseTheCpuBackendsAndRepeatsExactly() {
        int edges = 50_000;
        int atoms = 700;
        SplittableRandom rng = new SplittableRandom(14);
        int[] index = new int[edges];
        for (int e = 0; e < edges; e++) {
            index[e] = rng.nextInt(atoms);
        }
        double[] src = random(edges * 5, 15, -1, 1);
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            double[] expected = onCpu(ops -> ops.scatterAdd(ops.fromDoubles(src, dtype, Shape.of(edges, 5)), ops.fromInts(index, Shape.of(edges)), atoms));
            try (Backend b = open(settings()); TensorScope s = new TensorScope()) {
                Tensor x = s.track(b.fromDoubles(src, dtype, Shape.of(edges, 5)));
                Tensor idx = s.track(b.fromInts(index, Shape.of(edges)));
                double[] first = s.track(b.scatterAdd(x, idx, atoms)).toDoubles();
                long held = ((CudaBackendInfo) b).allocatedBytes();
                double[] second = s.track(b.scatterAdd(x, idx, atoms)).toDoubles();
                long outputBytes = (long) atoms * 5 * (dtype == DType.FLOAT64 ? 8 : 4);
                assertEquals(held + outputBytes, ((CudaBackendInfo) b).allocatedBytes(), "the grouped index is uploaded once");
                assertArrayEquals(expected, first, "scatterAdd " + dtype + " must equal the CPU backend bit for bit");
                assertArrayEquals(first, second);
            }
        }
    }

    @Test
    void cublasAndTheGemmKernelAgree() {
        CudaSettings kernel = settings().withGemm(CudaSettings.Gemm.KERNEL);
        int[][] shapes = {{1, 37, 29, 53}, {3, 16, 1, 9}, {4, 65, 33, 17}, {1, 1, 1, 1}, {2, 128, 96, 80}};
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            for (int[] s : shapes) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        int batch = s[0];
                        int m = s[1];
                        int n = s[2];
                        int k = s[3];
                        Shape sa = batch == 1 ? (ta ? Shape.of(k, m) : Shape.of(m, k)) : (ta ? Shape.of(batch, k, m) : Shape.of(batch, m, k));
                        Shape sb = batch == 1 ? (tb ? Shape.of(n, k) : Shape.of(k, n)) : (tb ? Shape.of(batch, n, k) : Shape.of(batch, k, n));
                        double[] a = random((int) sa.size(), 16, -1, 1);
                        double[] b = random((int) sb.size(), 17, -1, 1);
                        double[] viaDefault = run(settings(), ops -> ops.matmul(ops.fromDoubles(a, dtype, sa), ops.fromDoubles(b, dtype, sb), ta, tb));
                        double[] viaKernel = run(kernel, ops -> ops.matmul(ops.fromDoubles(a, dtype, sa), ops.fromDoubles(b, dtype, sb), ta, tb));
                        double[] viaCpu = onCpu(ops -> ops.matmul(ops.fromDoubles(a, dtype, sa), ops.fromDoubles(b, dtype, sb), ta, tb));
                        double tol = (dtype == DType.FLOAT64 ? 1e-12 : 1e-5) * k;
                        assertClose(viaCpu, viaDefault, tol, "GEMM (" + engine(settings()) + ") " + dtype + " " + sa + (ta ? "T" : "") + " x " + sb + (tb ? "T" : ""));
                        assertClose(viaCpu, viaKernel, tol, "GEMM kernel " + dtype + " " + sa + (ta ? "T" : "") + " x " + sb + (tb ? "T" : ""));
                    }
                }
            }
        }
    }

    @Test
    void nvrtcCompiledKernelsGiveTheResultsOfThePrebuiltOnes() {
        CudaSettings nvrtc = settings().withKernels(CudaSettings.Kernels.NVRTC);
        CudaPlatform platform = CudaPlatforms.load(nvrtc);
        org.junit.jupiter.api.Assumptions.assumeTrue(platform.availability().available(),
            "NVRTC is not usable here: " + platform.availability().detail());
        double[] r = random(2000, 18, 0, 5.5);
        RadialBasis basis = new RadialBasis(RadialBasis.Kind.BESSEL, 8, 5.0, 0.0, 5);
        double[] x = random(2000 * 3, 19, -1, 1);
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            Kernelled f = ops -> {
                Tensor t = ops.fromDoubles(x, dtype, Shape.of(2000, 3));
                Tensor y = ops.binary(BinaryOp.MUL, ops.unary(UnaryOp.SILU, t), ops.sum(t, 0, true));
                Tensor rad = ops.radialBasis(ops.fromDoubles(r, dtype, Shape.of(2000)), basis, 2);
                return ops.concat(List.of(ops.reshape(y, Shape.of(6000)), ops.reshape(rad, Shape.of(16000))), 0);
            };
            try (Backend b = open(nvrtc)) {
                assertTrue(((CudaBackendInfo) b).kernelImage().startsWith("NVRTC "), ((CudaBackendInfo) b).kernelImage());
            }
            assertClose(run(settings(), f), run(nvrtc, f), dtype == DType.FLOAT64 ? 1e-13 : 1e-6, "NVRTC against prebuilt kernels, " + dtype);
        }
    }

    @Test
    void concurrentOperationsFromSeveralThreadsGiveTheSequentialResults() throws Exception {
        double[] x = random(4096, 20, -2, 2);
        try (Backend b = open(settings())) {
            double[] expected = chain(b, x);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<double[]>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    results.add(pool.submit(() -> chain(b, x)));
                }
                for (Future<double[]> r : results) {
                    assertArrayEquals(expected, r.get());
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(0, b.openTensors());
            assertEquals(0, ((CudaBackendInfo) b).allocatedBytes());
        }
    }

    /** sum_1(tanh(X) · Xᵀ) on a shared backend, closing every intermediate. */
    private static double[] chain(Backend b, double[] x) {
        try (TensorScope s = new TensorScope()) {
            Tensor t = s.track(b.fromDoubles(x, DType.FLOAT64, Shape.of(64, 64)));
            Tensor p = s.track(b.matmul(s.track(b.unary(UnaryOp.TANH, t)), t, false, true));
            return s.track(b.sum(p, 1, false)).toDoubles();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** An operation chain on some backend, whose intermediates the backend's close frees. */
    @FunctionalInterface
    interface Kernelled {
        Tensor apply(TensorOps ops);
    }

    private static String engine(CudaSettings s) {
        return s.gemm().toString().toLowerCase(Locale.ROOT);
    }

    /** Touches the kernels and cuBLAS once, so lazily loaded code and workspaces are in place before memory is measured. */
    private static void warmUp(Backend b) {
        try (TensorScope s = new TensorScope()) {
            Tensor x = s.track(b.full(Shape.of(8, 8), DType.FLOAT64, 1));
            s.track(b.matmul(x, x, false, false));
            s.track(b.matmul(s.track(b.cast(x, DType.FLOAT32)), s.track(b.cast(x, DType.FLOAT32)), false, false));
            s.track(b.reshape(x, Shape.of(64)));
            s.track(b.scatterAdd(s.track(b.slice(x, 0, 0, 4)), s.track(b.fromInts(new int[] {0, 1, 1, 3}, Shape.of(4))), 4));
        }
    }

    private double[] onDevice(Kernelled f) {
        return run(settings(), f);
    }

    private double[] run(CudaSettings s, Kernelled f) {
        try (Backend b = open(s)) {
            return evaluateAll(b, f);
        }
    }

    private static double[] onCpu(Kernelled f) {
        try (Backend b = cpu()) {
            return evaluateAll(b, f);
        }
    }

    /** Evaluates on a backend that is closed right after (which frees every intermediate). */
    private static double[] evaluateAll(Backend b, Kernelled f) {
        return f.apply(b).toDoubles();
    }

    private static void assertClose(double[] expected, double[] got, double tol, String what) {
        assertEquals(expected.length, got.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - got[i]) <= tol * (1 + Math.abs(expected[i])))) {
                fail(String.format(Locale.ROOT, "%s: element %d is %.15g, expected %.15g", what, i, got[i], expected[i]));
            }
        }
    }

    static double[] random(int n, long seed, double lo, double hi) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(lo, hi);
        }
        return x;
    }

    private static SparsePolynomial polynomial(int outputs, int variables, int terms, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] out = new int[terms];
        double[] c = new double[terms];
        int[] ex = new int[terms * variables];
        for (int t = 0; t < terms; t++) {
            out[t] = t < outputs ? t : rng.nextInt(outputs);
            c[t] = rng.nextDouble(-1, 1);
            for (int q = 0; q < variables; q++) {
                ex[t * variables + q] = rng.nextInt(5);
            }
        }
        return new SparsePolynomial(outputs, variables, out, c, ex);
    }
}
