package org.atomstack.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.atomstack.api.tensor.BinaryOp;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.RadialBasis;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.SparsePolynomial;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorScope;
import org.atomstack.api.tensor.UnaryOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Results are bitwise identical across repeated runs and across pool sizes (1, 2, 3 and 8
 * threads), on inputs large enough to take every parallel path; scatter-add also equals the
 * sequential loop exactly.
 */
class DeterminismTest {
    private static final int[] THREADS = {1, 2, 3, 8};

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void everyOperationGivesTheSameBitsForEveryPoolSize(DType dtype) {
        List<double[]> reference = null;
        for (int threads : THREADS) {
            try (CpuBackend b = new CpuBackend(threads)) {
                List<double[]> first = run(b, dtype);
                List<double[]> again = run(b, dtype);
                for (int i = 0; i < first.size(); i++) {
                    assertArrayEquals(first.get(i), again.get(i), "repeated run, output " + i + ", " + threads + " threads");
                    if (reference != null) {
                        assertArrayEquals(reference.get(i), first.get(i), "output " + i + " with " + threads + " threads vs 1 thread");
                    }
                }
                if (reference == null) {
                    reference = first;
                }
                assertTrue(b.openTensors() == 0, "run() closes its tensors");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void scatterAddEqualsTheSequentialLoopExactly(DType dtype) {
        int edges = 60000;
        int rows = 700;
        int width = 4;
        SplittableRandom rng = new SplittableRandom(5);
        int[] index = new int[edges];
        double[] src = new double[edges * width];
        for (int e = 0; e < edges; e++) {
            index[e] = rng.nextInt(rows);
            for (int c = 0; c < width; c++) {
                src[e * width + c] = dtype == DType.FLOAT32 ? (float) rng.nextDouble(-1, 1) : rng.nextDouble(-1, 1);
            }
        }
        double[] expected = new double[rows * width];
        float[] expectedF = new float[rows * width];
        for (int e = 0; e < edges; e++) {
            for (int c = 0; c < width; c++) {
                expected[index[e] * width + c] += src[e * width + c];
                expectedF[index[e] * width + c] += (float) src[e * width + c];
            }
        }
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < expected.length; i++) {
                expected[i] = expectedF[i];
            }
        }
        try (CpuBackend b = new CpuBackend(4); TensorScope s = new TensorScope()) {
            Tensor out = s.track(b.scatterAdd(s.track(b.fromDoubles(src, dtype, Shape.of(edges, width))),
                s.track(b.fromInts(index, Shape.of(edges))), rows));
            assertArrayEquals(expected, out.toDoubles());
        }
    }

    /** A fixed workload touching every parallel kernel; returns host copies of the outputs. */
    private static List<double[]> run(CpuBackend b, DType dtype) {
        List<double[]> out = new ArrayList<>();
        try (TensorScope s = new TensorScope()) {
            Tensor a = s.track(b.fromDoubles(random(300 * 250, 1), dtype, Shape.of(300, 250)));
            Tensor w = s.track(b.fromDoubles(random(250 * 200, 2), dtype, Shape.of(250, 200)));
            out.add(s.track(b.matmul(a, w, false, false)).toDoubles());
            out.add(s.track(b.matmul(a, a, true, false)).toDoubles());
            Tensor batch = s.track(b.fromDoubles(random(64 * 20 * 30, 3), dtype, Shape.of(64, 20, 30)));
            out.add(s.track(b.matmul(batch, batch, false, true)).toDoubles());
            Tensor row = s.track(b.fromDoubles(random(250, 4), dtype, Shape.of(250)));
            Tensor sum = s.track(b.binary(BinaryOp.MUL, a, row));
            out.add(sum.toDoubles());
            out.add(s.track(b.unary(UnaryOp.SILU, sum)).toDoubles());
            out.add(s.track(b.sum(a, 0, false)).toDoubles());
            out.add(s.track(b.sum(a, 1, true)).toDoubles());
            out.add(s.track(b.sumTo(s.track(b.reshape(batch, Shape.of(64, 600))), Shape.of(1, 600))).toDoubles());
            out.add(s.track(b.transpose(batch, 2, 0, 1)).toDoubles());
            out.add(s.track(b.broadcastTo(row, Shape.of(400, 250))).toDoubles());
            int edges = 50000;
            int[] index = new int[edges];
            SplittableRandom rng = new SplittableRandom(6);
            for (int e = 0; e < edges; e++) {
                index[e] = rng.nextInt(1000);
            }
            Tensor idx = s.track(b.fromInts(index, Shape.of(edges)));
            Tensor src = s.track(b.fromDoubles(random(edges * 8, 7), dtype, Shape.of(edges, 8)));
            out.add(s.track(b.scatterAdd(src, idx, 1000)).toDoubles());
            Tensor atoms = s.track(b.fromDoubles(random(1000 * 8, 8), dtype, Shape.of(1000, 8)));
            out.add(s.track(b.gather(atoms, idx)).toDoubles());
            double[] r = random(20000, 9);
            for (int i = 0; i < r.length; i++) {
                r[i] = 2.5 + 2.5 * r[i];
            }
            Tensor dist = s.track(b.fromDoubles(r, dtype, Shape.of(r.length)));
            out.add(s.track(b.radialBasis(dist, new RadialBasis(RadialBasis.Kind.BESSEL, 8, 5.0, 0, 6), 2)).toDoubles());
            SparsePolynomial p = new SparsePolynomial(3, 3, new int[] {0, 1, 1, 2, 2}, new double[] {1, 0.5, -2, 3, 1},
                new int[] {1, 0, 0, 2, 1, 0, 0, 0, 3, 1, 1, 1, 0, 2, 2});
            Tensor pts = s.track(b.fromDoubles(random(20000 * 3, 10), dtype, Shape.of(20000, 3)));
            out.add(s.track(b.sparsePolynomial(pts, p)).toDoubles());
        }
        return out;
    }

    private static double[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(-1, 1);
        }
        return x;
    }
}
