package org.atomstack.model.linear.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two condensed forms agree with a direct computation: the streaming Gram matrix equals
 * AᵀWA, the streaming TSQR factor satisfies RᵀR = AᵀWA, Rᵀz = AᵀWy and ρ0 + ‖z‖² = yᵀWy, and
 * eliminating (even collinear) leading columns gives the same reduced problem in both forms.
 */
class AccumulatorTest {
    private static final int COLUMNS = 37;
    private static final int ROWS = 1000;

    /** Random weighted rows in blocks of uneven size; column 1 = 2 × column 0 when {@code collinear}. */
    private static RowBlock[] blocks(long seed, boolean collinear) {
        SplittableRandom rng = new SplittableRandom(seed);
        RowBlock[] out = new RowBlock[0];
        java.util.List<RowBlock> list = new java.util.ArrayList<>();
        int done = 0;
        while (done < ROWS) {
            int rows = Math.min(ROWS - done, 1 + rng.nextInt(90));
            double[] a = new double[rows * COLUMNS];
            double[] y = new double[rows];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < COLUMNS; c++) {
                    a[r * COLUMNS + c] = rng.nextDouble(-1, 1) * (1 + c % 5);
                }
                if (collinear) {
                    a[r * COLUMNS + 1] = 2 * a[r * COLUMNS];
                }
                y[r] = rng.nextDouble(-3, 3);
            }
            list.add(new RowBlock(rows, COLUMNS, a, y, 0, 0, rows, 0));
            done += rows;
        }
        return list.toArray(out);
    }

    private static LinearSystem accumulate(SystemForm form, RowBlock[] blocks, int threads) {
        try (Workers w = new Workers(threads)) {
            SystemAccumulator acc = SystemAccumulator.of(form, COLUMNS, w);
            for (RowBlock b : blocks) {
                acc.add(b);
            }
            return acc.finish();
        }
    }

    @Test
    void gramAndFactorReproduceTheDirectNormalEquations() {
        RowBlock[] blocks = blocks(3, false);
        double[][] g = new double[COLUMNS][COLUMNS];
        double[] b = new double[COLUMNS];
        double yy = 0;
        for (RowBlock blk : blocks) {
            for (int r = 0; r < blk.rows(); r++) {
                for (int i = 0; i < COLUMNS; i++) {
                    for (int j = 0; j < COLUMNS; j++) {
                        g[i][j] += blk.design()[r * COLUMNS + i] * blk.design()[r * COLUMNS + j];
                    }
                    b[i] += blk.design()[r * COLUMNS + i] * blk.targets()[r];
                }
                yy += blk.targets()[r] * blk.targets()[r];
            }
        }
        NormalEquations ne = (NormalEquations) accumulate(SystemForm.NORMAL, blocks, 2);
        TriangularSystem qr = (TriangularSystem) accumulate(SystemForm.QR, blocks, 2);
        assertEquals(ROWS, ne.observations());
        assertEquals(ROWS, qr.observations());
        double scale = 1e-12 * ROWS * 25;
        double zz = 0;
        for (int i = 0; i < COLUMNS; i++) {
            double rtz = 0;
            for (int j = 0; j < COLUMNS; j++) {
                assertEquals(g[i][j], ne.gram(i, j), scale, "G " + i + "," + j);
                double rtr = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    rtr += qr.factor(k, i) * qr.factor(k, j);
                }
                assertEquals(g[i][j], rtr, scale, "RᵀR " + i + "," + j);
                rtz += qr.factor(j, i) * qr.projected(j);
            }
            assertEquals(b[i], ne.rhs(i), scale);
            assertEquals(b[i], rtz, scale);
            zz += qr.projected(i) * qr.projected(i);
        }
        assertEquals(yy, ne.yy(), scale);
        assertEquals(yy, qr.rho0() + zz, scale);
        for (int i = 1; i < COLUMNS; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0, qr.factor(i, j), "below the diagonal");
            }
        }
    }

    @Test
    void eliminatingCollinearLeadingColumnsAgreesBetweenForms() {
        RowBlock[] blocks = blocks(4, true);
        LinearSystem ne = accumulate(SystemForm.NORMAL, blocks, 1);
        LinearSystem qr = accumulate(SystemForm.QR, blocks, 1);
        Elimination a = ne.eliminate(3);
        Elimination b = qr.eliminate(3);
        assertEquals(2, a.rank());
        assertEquals(2, b.rank());
        assertEquals(ROWS - 2, a.reduced().observations());
        double[] gamma = new double[COLUMNS - 3];
        java.util.Arrays.fill(gamma, 1);
        double[] ca = a.reduced().ridge(0, gamma);
        double[] cb = b.reduced().ridge(0, gamma);
        assertArrayEquals(ca, cb, 1e-9);
        double[] ua = a.back().apply(ca);
        double[] ub = b.back().apply(cb);
        assertArrayEquals(ua, ub, 1e-9);
        // minimum-norm split between the collinear columns: c1 = 2 c0
        assertEquals(2 * ua[0], ua[1], 1e-9);
        assertEquals(a.reduced().residual(ca), b.reduced().residual(cb), 1e-8);
        // the full residual with the back-substituted leading coefficients is the reduced residual
        double[] full = new double[COLUMNS];
        System.arraycopy(ub, 0, full, 0, 3);
        System.arraycopy(cb, 0, full, 3, COLUMNS - 3);
        assertEquals(b.reduced().residual(cb), qr.residual(full), 1e-8);
    }
}
