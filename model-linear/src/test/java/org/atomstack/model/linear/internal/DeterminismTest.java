package org.atomstack.model.linear.internal;

import static org.atomstack.model.linear.internal.Fixtures.map;
import static org.atomstack.model.linear.internal.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.atomstack.api.structure.Dataset;
import org.atomstack.testkit.RandomStructures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Assembly and fits are bitwise identical for any number of threads. */
class DeterminismTest {
    /** 150 columns (several Gram tiles, several QR panels), 900 rows in uneven blocks. */
    private static List<RowBlock> wideBlocks() {
        SplittableRandom rng = new SplittableRandom(9);
        int cols = 150;
        List<RowBlock> out = new ArrayList<>();
        for (int done = 0; done < 900; ) {
            int rows = Math.min(900 - done, 1 + rng.nextInt(120));
            double[] a = new double[rows * cols];
            double[] y = new double[rows];
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextDouble(-1, 1);
            }
            for (int i = 0; i < rows; i++) {
                y[i] = rng.nextDouble(-1, 1);
            }
            out.add(new RowBlock(rows, cols, a, y, 0, 0, rows, 0));
            done += rows;
        }
        return out;
    }

    private static double[] flatten(LinearSystem s) {
        int n = s.columns();
        double[] out = new double[n * n + n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = s instanceof NormalEquations ne ? ne.gram(i, j) : ((TriangularSystem) s).factor(i, j);
            }
            out[n * n + i] = s instanceof NormalEquations ne ? ne.rhs(i) : ((TriangularSystem) s).projected(i);
        }
        out[n * n + n] = s instanceof NormalEquations ne ? ne.yy() : ((TriangularSystem) s).rho0();
        return out;
    }

    @ParameterizedTest
    @EnumSource(SystemForm.class)
    void accumulationIsBitwiseIdenticalForAnyThreadCount(SystemForm form) {
        List<RowBlock> blocks = wideBlocks();
        double[] reference = null;
        for (int threads : new int[] {1, 2, 3}) {
            try (Workers w = new Workers(threads)) {
                SystemAccumulator acc = SystemAccumulator.of(form, 150, w);
                blocks.forEach(acc::add);
                double[] flat = flatten(acc.finish());
                if (reference == null) {
                    reference = flat;
                } else {
                    assertArrayEquals(reference, flat, form + " with " + threads + " threads");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"normal", "qr"})
    void trainingIsBitwiseIdenticalForAnyThreadCount(String system) {
        RadialTestDescriptor d = Fixtures.descriptor();
        Dataset data = Fixtures.label("noisy", Fixtures.structures(51, 25, RandomStructures.Periodicity.ANY),
            Fixtures.truth(d, true), 0.05, 1);
        LinearModel one = Fixtures.train(params("system", system, "threads", 1, "pair", map("cutoff", 3.5, "basis", 3)), d, data);
        for (int threads : new int[] {2, 3}) {
            LinearModel many = Fixtures.train(params("system", system, "threads", threads, "pair", map("cutoff", 3.5, "basis", 3)), d, data);
            assertArrayEquals(one.coefficients(), many.coefficients());
            assertArrayEquals(one.e0(), many.e0());
            assertArrayEquals(one.pairCoefficients(), many.pairCoefficients());
            assertEquals(one.diagnostics(), many.diagnostics());
        }
    }
}
