package org.atomstack.model.linear.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.junit.jupiter.api.Test;

/** Column-pivoted QR: exact solves at full rank, rank detection and consistent basic solutions below it. */
class PivotedQrTest {
    private static double[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] f = new double[n * n];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextDouble(-1, 1);
        }
        return f;
    }

    @Test
    void solvesAFullRankSystemExactly() {
        int n = 7;
        double[] f = random(n, 1);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = i - 3.5;
        }
        PivotedQr qr = new PivotedQr(f, n, z, 1e-12);
        assertEquals(n, qr.rank());
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(f, i * n, a[i], 0, n);
        }
        double[] x = new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().solve(new ArrayRealVector(z)).toArray();
        assertArrayEquals(x, qr.solution(), 1e-10);
    }

    @Test
    void detectsRankAndReturnsABasicSolutionOfAConsistentSystem() {
        int n = 6;
        double[] f = random(n, 2);
        for (int i = 0; i < n; i++) {
            f[i * n + 4] = f[i * n] + 2 * f[i * n + 1]; // column 4 dependent
            f[i * n + 5] = -f[i * n + 2];               // column 5 dependent
        }
        double[] xTrue = {1, -2, 0.5, 3, 0, 0};
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                z[i] += f[i * n + j] * xTrue[j];
            }
        }
        PivotedQr qr = new PivotedQr(f, n, z, 1e-10);
        assertEquals(4, qr.rank());
        double[] x = qr.solution();
        int zeros = 0;
        for (double v : x) {
            zeros += v == 0 ? 1 : 0;
        }
        assertEquals(2, zeros, "two columns dropped");
        for (int i = 0; i < n; i++) {
            double r = -z[i];
            for (int j = 0; j < n; j++) {
                r += f[i * n + j] * x[j];
            }
            assertEquals(0, r, 1e-10, "residual row " + i);
        }
    }
}
