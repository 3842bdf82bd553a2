package org.atomstack.purification.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenvaluesTest {
    @Test
    void recoversTheSpectrumOfQDiagQTranspose() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 7, 60}) {
            // Q from Gram–Schmidt of a random matrix
            double[][] q = new double[n][n];
            for (int j = 0; j < n; j++) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rnd.nextDouble() - 0.5;
                }
                for (int pass = 0; pass < 2; pass++) {
                    for (int k = 0; k < j; k++) {
                        double dot = 0;
                        for (int i = 0; i < n; i++) {
                            dot += q[i][k] * v[i];
                        }
                        for (int i = 0; i < n; i++) {
                            v[i] -= dot * q[i][k];
                        }
                    }
                }
                double norm = Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
                for (int i = 0; i < n; i++) {
                    q[i][j] = v[i] / norm;
                }
            }
            double[] lambda = new double[n];
            for (int i = 0; i < n; i++) {
                lambda[i] = Math.pow(10, 6 * rnd.nextDouble() - 3) * (i % 5 == 0 ? -1 : 1);
            }
            lambda[n - 1] = lambda[0]; // a double eigenvalue
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        a[i][j] += q[i][k] * lambda[k] * q[j][k];
                    }
                }
            }
            double[] expected = lambda.clone();
            Arrays.sort(expected);
            double[] actual = SymmetricEigenvalues.of(a);
            double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], actual[i], 1e-12 * scale, "n = " + n + ", eigenvalue " + i);
            }
        }
    }
}
