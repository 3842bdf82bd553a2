package org.atomstack.basis.ace.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec.Polynomials;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec.Transform;
import org.junit.jupiter.api.Test;

class RadialBasisSpecTest {
    private static List<RadialBasisSpec> specs() {
        return List.of(
            RadialBasisSpec.polynomial(10, 5.0, 0.0, Transform.AGNESI, 2.7, 2, 4, 2, 2, Polynomials.JACOBI),
            RadialBasisSpec.polynomial(8, 5.5, 0.8, Transform.AGNESI, 2.5, 2, 2, 2, 2, Polynomials.LEGENDRE),
            RadialBasisSpec.polynomial(8, 4.5, 0.0, Transform.POWER, 2.7, 2, Double.NaN, 3, 0, Polynomials.JACOBI),
            RadialBasisSpec.polynomial(6, 4.0, 1.0, Transform.LINEAR, Double.NaN, Double.NaN, Double.NaN, 2, 2, Polynomials.JACOBI),
            RadialBasisSpec.bessel(8, 5.0, 6),
            RadialBasisSpec.bessel(4, 3.0, 2));
    }

    @Test
    void derivativesMatchCentralDifferences() {
        for (RadialBasisSpec s : specs()) {
            int n = s.count();
            double[] v = new double[n];
            double[] d = new double[n];
            double[] vp = new double[n];
            double[] vm = new double[n];
            for (int i = 1; i < 100; i++) {
                double r = 0.3 + (s.cutoff() - 0.3) * i / 100.0;
                s.evaluate(r, v, d);
                double h = 1e-6;
                s.evaluate(r + h, vp, null);
                s.evaluate(r - h, vm, null);
                for (int k = 0; k < n; k++) {
                    double fd = (vp[k] - vm[k]) / (2 * h);
                    assertEquals(fd, d[k], 1e-6 * (1 + Math.abs(fd)), s + " n=" + k + " r=" + r);
                }
            }
        }
    }

    @Test
    void valueAndDerivativeVanishContinuouslyAtTheCutoff() {
        for (RadialBasisSpec s : specs()) {
            int n = s.count();
            double[] v = new double[n];
            double[] d = new double[n];
            double rc = s.cutoff();
            double prevMax = Double.POSITIVE_INFINITY;
            for (double eps : new double[] {1e-2, 1e-3, 1e-4, 1e-5}) {
                s.evaluate(rc - eps, v, d);
                double maxV = 0;
                double maxD = 0;
                for (int k = 0; k < n; k++) {
                    maxV = Math.max(maxV, Math.abs(v[k]));
                    maxD = Math.max(maxD, Math.abs(d[k]));
                }
                // value ~ eps^2 (or faster), derivative ~ eps
                assertTrue(maxV < 1e3 * eps * eps, s + ": |R| = " + maxV + " at r_c - " + eps);
                assertTrue(maxD < 1e3 * eps, s + ": |R'| = " + maxD + " at r_c - " + eps);
                assertTrue(maxD <= prevMax, "decreasing towards the cutoff");
                prevMax = maxD;
            }
            s.evaluate(rc, v, d);
            s.evaluate(rc + 0.1, v, d);
            for (int k = 0; k < n; k++) {
                assertEquals(0, v[k]);
                assertEquals(0, d[k]);
            }
        }
    }

    @Test
    void innerCutoffVanishesSmoothly() {
        RadialBasisSpec s = RadialBasisSpec.polynomial(8, 5.5, 0.8, Transform.AGNESI, 2.5, 2, 2, 2, 2, Polynomials.JACOBI);
        double[] v = new double[8];
        double[] d = new double[8];
        s.evaluate(0.8 + 1e-4, v, d);
        for (int k = 0; k < 8; k++) {
            assertTrue(Math.abs(v[k]) < 1e-6 && Math.abs(d[k]) < 1e-2, "near r_in");
        }
        s.evaluate(0.5, v, d);
        for (int k = 0; k < 8; k++) {
            assertEquals(0, v[k]);
            assertEquals(0, d[k]);
        }
    }

    @Test
    void jacobiRadialFunctionsAreOrthonormalInTheTransformedVariable() {
        // R_n = p_n(y) (1-y)^ec (1+y)^ein with p_n orthonormal for the squared envelope: ∫ R_n R_m dy = δ
        RadialBasisSpec s = RadialBasisSpec.polynomial(12, 5.0, 0.0, Transform.LINEAR, Double.NaN, Double.NaN, Double.NaN, 2, 1,
            Polynomials.JACOBI);
        double[][] gl = Quadrature.gaussLegendre(40);
        double[][] gram = new double[12][12];
        double[] v = new double[12];
        for (int i = 0; i < 40; i++) {
            double y = gl[0][i];
            double r = (y + 1) / 2 * 5.0; // linear transform with r_in = 0
            s.evaluate(r, v, null);
            for (int a = 0; a < 12; a++) {
                for (int b = 0; b < 12; b++) {
                    gram[a][b] += gl[1][i] * v[a] * v[b];
                }
            }
        }
        for (int a = 0; a < 12; a++) {
            for (int b = 0; b < 12; b++) {
                assertEquals(a == b ? 1 : 0, gram[a][b], 1e-11);
            }
        }
    }

    @Test
    void agnesiTransformMapsTheRangeOntoMinusOneOne() {
        RadialBasisSpec s = RadialBasisSpec.polynomial(4, 5.0, 0.5, Transform.AGNESI, 2.7, 2, 4, 2, 2, Polynomials.JACOBI);
        assertEquals(-1, s.transformed(0.5)[0], 1e-14);
        assertEquals(1, s.transformed(5.0)[0], 1e-14);
        double prev = -1;
        double maxSlope = 0;
        double argMax = 0;
        for (int i = 1; i < 1000; i++) {
            double r = 0.5 + 4.5 * i / 1000.0;
            double[] y = s.transformed(r);
            assertTrue(y[0] > prev, "increasing");
            prev = y[0];
            if (y[1] > maxSlope) {
                maxSlope = y[1];
                argMax = r;
            }
        }
        assertTrue(Math.abs(argMax - 2.7) < 0.6, "steepest near r0, was at " + argMax);
    }

    @Test
    void polynomialValuesTimesTheEnvelopeAreTheRadialFunctions() {
        for (RadialBasisSpec s : specs()) {
            if (s.kind() != RadialBasisSpec.Kind.POLYNOMIAL) {
                assertThrows(IllegalStateException.class, () -> s.polynomialValues(0, new double[s.count()]));
                continue;
            }
            double[] v = new double[s.count()];
            double[] p = new double[s.count()];
            for (int i = 1; i < 50; i++) {
                double r = s.inner() + (s.cutoff() - s.inner()) * i / 50.0;
                s.evaluate(r, v, null);
                double y = s.transformed(r)[0];
                s.polynomialValues(y, p);
                double env = Math.pow(1 - y, s.envelope()) * Math.pow(1 + y, s.envelopeInner());
                for (int n = 0; n < s.count(); n++) {
                    assertEquals(v[n], p[n] * env, 1e-12 * (1 + Math.abs(v[n])), s + " n=" + n + " r=" + r);
                }
            }
        }
    }

    @Test
    void besselMatchesTheKernelDefinition() {
        RadialBasisSpec s = RadialBasisSpec.bessel(5, 4.0, 6);
        assertEquals(new org.atomstack.api.tensor.RadialBasis(org.atomstack.api.tensor.RadialBasis.Kind.BESSEL, 5, 4.0, 0, 6),
            s.toKernelBasis());
        double[] v = new double[5];
        s.evaluate(1.3, v, null);
        double x = 1.3 / 4.0;
        double u = 1 - 28 * Math.pow(x, 6) + 48 * Math.pow(x, 7) - 21 * Math.pow(x, 8);
        for (int n = 0; n < 5; n++) {
            assertEquals(Math.sqrt(2 / 4.0) * Math.sin((n + 1) * Math.PI * 1.3 / 4.0) / 1.3 * u, v[n], 1e-14);
        }
    }

    @Test
    void rejectsBadParametersQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RadialBasisSpec.polynomial(4, 5.0, 6.0, Transform.LINEAR, 1, 1, 1, 2, 2, Polynomials.JACOBI));
        assertTrue(e.getMessage().contains("6.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> RadialBasisSpec.polynomial(4, 5.0, 0.0, Transform.AGNESI, 2.5, 4, 2, 2, 2, Polynomials.JACOBI));
        assertThrows(IllegalArgumentException.class,
            () -> RadialBasisSpec.polynomial(4, 5.0, 0.5, Transform.AGNESI, 2.5, 2, 4, 2, 1, Polynomials.JACOBI));
        assertThrows(IllegalArgumentException.class, () -> RadialBasisSpec.bessel(0, 5.0, 6));
        assertThrows(IllegalArgumentException.class, () -> RadialBasisSpec.bessel(3, -1, 6));
        assertThrows(IllegalArgumentException.class, () -> RadialBasisSpec.bessel(3, 5, 1));
    }
}
