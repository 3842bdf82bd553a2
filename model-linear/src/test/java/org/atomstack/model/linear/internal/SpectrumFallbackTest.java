package org.atomstack.model.linear.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.api.Test;

/**
 * A 68 × 68 positive semi-definite Gram matrix (canonical ACE features of 16 two-atom Mo cells, prior
 * scaled) on which Hipparchus' symmetric QL iteration does not converge: the normal equations fall
 * back to the SVD and still give a valid spectrum.
 */
class SpectrumFallbackTest {
    private static double[][] gram() throws Exception {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
            SpectrumFallbackTest.class.getResourceAsStream("/gram-ql-nonconvergent.txt.gz")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                rows.add(Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return rows.toArray(new double[0][]);
    }

    @Test
    void theSpectrumFallsBackToTheSvdWhenTheEigenIterationFails() throws Exception {
        double[][] g = gram();
        int n = g.length;
        assertThrows(MathIllegalStateException.class, () -> new EigenDecompositionSymmetric(new Array2DRowRealMatrix(g)),
            "the regression matrix no longer trips Hipparchus; the fallback is then untested here");
        double[] flat = new double[n * n];
        double[] x = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(1 + i);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                flat[i * n + j] = g[i][j];
                b[i] += g[i][j] * x[j];
            }
        }
        double yy = 0;
        for (int i = 0; i < n; i++) {
            yy += x[i] * b[i];
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        Spectrum s = new NormalEquations(n, flat, b, yy, 1000, 0).spectrum(ones);
        double[] v = s.rightVectors();
        double max = 0;
        for (double[] row : g) {
            for (double e : row) {
                max = Math.max(max, Math.abs(e));
            }
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                assertTrue(s.singularValue(i) <= s.singularValue(i - 1), "descending");
            }
            for (int j = 0; j < n; j++) {
                double a = 0;
                for (int k = 0; k < n; k++) {
                    a += v[i * n + k] * s.singularValue(k) * s.singularValue(k) * v[j * n + k];
                }
                assertEquals(g[i][j], a, 1e-9 * max, "V diag(s²) Vᵀ = G at (" + i + ", " + j + ")");
            }
        }
        assertTrue(s.rho0() >= 0 && s.rho0() < 1e-6 * yy, "a target in the range of G is fitted: " + s.rho0());
    }
}
