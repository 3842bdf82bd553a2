package org.atomstack.basis.ace.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.atomstack.api.tensor.SparsePolynomial;
import org.junit.jupiter.api.Test;

class RealSphericalHarmonicsTest {
    private static final int LMAX = 12;

    @Test
    void orthonormalOnTheSphereUpToLmax12() {
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(LMAX);
        double[][] q = Quadrature.sphere(2 * LMAX);
        int k = ylm.size();
        double[][] gram = new double[k][k];
        double[] y = new double[k];
        for (int p = 0; p < q[0].length; p++) {
            ylm.evaluate(q[0][p], q[1][p], q[2][p], y);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b <= a; b++) {
                    gram[a][b] += q[3][p] * y[a] * y[b];
                }
            }
        }
        double worst = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                worst = Math.max(worst, Math.abs(gram[a][b] - (a == b ? 1 : 0)));
            }
        }
        assertTrue(worst < 1e-12, "largest deviation from orthonormality " + worst);
    }

    @Test
    void additionTheoremHoldsUpToTheLargestDegree() {
        // Σ_m Y_lm(r̂)² = (2l+1)/(4π) for every direction: a check of the recursion's stability
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(RealSphericalHarmonics.MAX_L);
        double[] y = new double[ylm.size()];
        SplittableRandom rng = new SplittableRandom(1);
        for (int trial = 0; trial < 20; trial++) {
            ylm.evaluate(rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), trial == 0 ? 1 : rng.nextDouble(-1, 1), y);
            for (int l = 0; l <= RealSphericalHarmonics.MAX_L; l++) {
                double s = 0;
                for (int m = -l; m <= l; m++) {
                    s += y[RealSphericalHarmonics.index(l, m)] * y[RealSphericalHarmonics.index(l, m)];
                }
                assertEquals(1, s * 4 * Math.PI / (2 * l + 1), 1e-13, "l = " + l);
            }
        }
    }

    @Test
    void documentedPhaseConventionForLowDegrees() {
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(2);
        double x = 0.3;
        double yy = -0.5;
        double z = 0.81;
        double r = Math.sqrt(x * x + yy * yy + z * z);
        double[] out = new double[9];
        ylm.evaluate(2 * x, 2 * yy, 2 * z, out); // scale does not matter
        double c1 = Math.sqrt(3 / (4 * Math.PI));
        assertEquals(1 / Math.sqrt(4 * Math.PI), out[0], 1e-15);
        assertEquals(c1 * yy / r, out[RealSphericalHarmonics.index(1, -1)], 1e-15);
        assertEquals(c1 * z / r, out[RealSphericalHarmonics.index(1, 0)], 1e-15);
        assertEquals(c1 * x / r, out[RealSphericalHarmonics.index(1, 1)], 1e-15);
        // Y_2,-2 = (1/2) sqrt(15/pi) x y / r^2, Y_21 = (1/2) sqrt(15/pi) x z / r^2 (no Condon-Shortley sign)
        double c2 = 0.5 * Math.sqrt(15 / Math.PI);
        assertEquals(c2 * x * yy / (r * r), out[RealSphericalHarmonics.index(2, -2)], 1e-15);
        assertEquals(c2 * x * z / (r * r), out[RealSphericalHarmonics.index(2, 1)], 1e-15);
        assertEquals(0.25 * Math.sqrt(5 / Math.PI) * (3 * z * z - r * r) / (r * r), out[RealSphericalHarmonics.index(2, 0)], 1e-15);
        assertEquals(0.25 * Math.sqrt(15 / Math.PI) * (x * x - yy * yy) / (r * r), out[RealSphericalHarmonics.index(2, 2)], 1e-15);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(LMAX);
        SplittableRandom rng = new SplittableRandom(7);
        int k = ylm.size();
        double[] y = new double[k];
        double[] g = new double[3 * k];
        double[] yp = new double[k];
        double[] ym = new double[k];
        for (int trial = 0; trial < 20; trial++) {
            double[] r = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
            if (trial == 0) {
                r = new double[] {0, 0, 1.3}; // on the pole
            }
            ylm.evaluateWithGradient(r[0], r[1], r[2], y, g);
            double h = 1e-6;
            for (int c = 0; c < 3; c++) {
                double[] a = r.clone();
                double[] b = r.clone();
                a[c] += h;
                b[c] -= h;
                ylm.evaluate(a[0], a[1], a[2], yp);
                ylm.evaluate(b[0], b[1], b[2], ym);
                for (int i = 0; i < k; i++) {
                    double fd = (yp[i] - ym[i]) / (2 * h);
                    assertEquals(fd, g[3 * i + c], 1e-6 * (1 + Math.abs(fd)), "index " + i + " component " + c);
                }
            }
        }
    }

    @Test
    void solidHarmonicsPolynomialsEqualRToTheLTimesYlm() {
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(8);
        SparsePolynomial poly = ylm.solidHarmonics();
        assertEquals(ylm.size(), poly.outputs());
        assertEquals(3, poly.variables());
        for (int t = 0; t < poly.terms(); t++) {
            int l = (int) Math.floor(Math.sqrt(poly.output(t)));
            assertEquals(l, poly.exponent(t, 0) + poly.exponent(t, 1) + poly.exponent(t, 2), "homogeneous of degree l");
        }
        SplittableRandom rng = new SplittableRandom(3);
        double[] y = new double[ylm.size()];
        for (int trial = 0; trial < 10; trial++) {
            double[] r = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
            double norm = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
            ylm.evaluate(r[0], r[1], r[2], y);
            double[] p = poly.evaluate(r);
            for (int l = 0; l <= 8; l++) {
                for (int m = -l; m <= l; m++) {
                    int i = RealSphericalHarmonics.index(l, m);
                    assertEquals(Math.pow(norm, l) * y[i], p[i], 1e-12 * Math.pow(norm + 1, l));
                }
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new RealSphericalHarmonics(-1));
        assertThrows(IllegalArgumentException.class, () -> new RealSphericalHarmonics(RealSphericalHarmonics.MAX_L + 1));
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(2);
        assertThrows(IllegalArgumentException.class, () -> ylm.evaluate(0, 0, 0, new double[9]));
    }
}
