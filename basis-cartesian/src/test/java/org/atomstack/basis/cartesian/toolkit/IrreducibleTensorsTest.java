package org.atomstack.basis.cartesian.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.atomstack.api.tensor.SparsePolynomial;
import org.junit.jupiter.api.Test;

class IrreducibleTensorsTest {
    private static final int L = 6;
    private final IrreducibleTensors tensors = new IrreducibleTensors(IrreducibleTensors.MAX_L);

    private static int swapSlots(int idx, int l, int i, int j) {
        int si = IrreducibleTensors.pow3(l - 1 - i);
        int sj = IrreducibleTensors.pow3(l - 1 - j);
        int di = (idx / si) % 3;
        int dj = (idx / sj) % 3;
        return idx - di * si - dj * sj + dj * si + di * sj;
    }

    @Test
    void arraysAreSymmetricAndTracelessForEveryOrder() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int l = 0; l <= IrreducibleTensors.MAX_L; l++) {
            double[] u = TestMath.randomDirection(rng);
            double[] t = IrreducibleTensors.array(l, u[0], u[1], u[2]);
            assertEquals(IrreducibleTensors.pow3(l), t.length);
            for (int idx = 0; idx < t.length; idx++) {
                for (int i = 0; i + 1 < l; i++) {
                    assertEquals(t[idx], t[swapSlots(idx, l, i, i + 1)], 1e-14, "symmetry l=" + l);
                }
            }
            if (l >= 2) {
                int rest = IrreducibleTensors.pow3(l - 2);
                for (int r = 0; r < rest; r++) {
                    double trace = 0;
                    for (int a = 0; a < 3; a++) {
                        trace += t[(a * 3 + a) * rest + r];
                    }
                    assertEquals(0, trace, 1e-14, "trace over the first two slots, l=" + l);
                }
            }
            double norm2 = 0;
            for (double v : t) {
                norm2 += v * v;
            }
            assertEquals(IrreducibleTensors.normSquared(l), norm2, 1e-13, "|T^l|^2 = l!/(2l-1)!!, l=" + l);
        }
    }

    @Test
    void lowOrdersMatchEquation10() {
        double[] u = TestMath.randomDirection(new SplittableRandom(2));
        double[] t1 = IrreducibleTensors.array(1, u[0], u[1], u[2]);
        double[] t2 = IrreducibleTensors.array(2, u[0], u[1], u[2]);
        double[] t3 = IrreducibleTensors.array(3, u[0], u[1], u[2]);
        for (int a = 0; a < 3; a++) {
            assertEquals(u[a], t1[a], 1e-15);
            for (int b = 0; b < 3; b++) {
                assertEquals(u[a] * u[b] - (a == b ? 1.0 / 3 : 0), t2[3 * a + b], 1e-15);
                for (int c = 0; c < 3; c++) {
                    double expected = u[a] * u[b] * u[c]
                        - ((a == b ? u[c] : 0) + (a == c ? u[b] : 0) + (b == c ? u[a] : 0)) / 5;
                    assertEquals(expected, t3[9 * a + 3 * b + c], 1e-15);
                }
            }
        }
        assertEquals(1, IrreducibleTensors.array(0, 1, 2, 3)[0]);
    }

    @Test
    void basisArraysAreOrthonormalSymmetricAndTraceless() {
        for (int l = 0; l <= IrreducibleTensors.MAX_L; l++) {
            for (int m = -l; m <= l; m++) {
                double[] e = tensors.basisArray(l, m);
                for (int idx = 0; idx < e.length; idx++) {
                    for (int i = 0; i + 1 < l; i++) {
                        assertEquals(e[idx], e[swapSlots(idx, l, i, i + 1)], 1e-14);
                    }
                }
                if (l >= 2) {
                    int rest = IrreducibleTensors.pow3(l - 2);
                    for (int r = 0; r < rest; r++) {
                        assertEquals(0, e[r] + e[4 * rest + r] + e[8 * rest + r], 1e-13, "traceless basis l=" + l + " m=" + m);
                    }
                }
                for (int m2 = -l; m2 <= l; m2++) {
                    double[] f = tensors.basisArray(l, m2);
                    double dot = 0;
                    for (int i = 0; i < e.length; i++) {
                        dot += e[i] * f[i];
                    }
                    assertEquals(m == m2 ? 1 : 0, dot, 1e-13, "<E^" + l + "_" + m + ", E^" + l + "_" + m2 + ">");
                }
            }
        }
    }

    @Test
    void coefficientsExpandToTheDetracedArrayWithEqualNorms() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] c = new double[tensors.size()];
        for (int trial = 0; trial < 5; trial++) {
            double[] r = TestMath.randomDirection(rng);
            double scale = rng.nextDouble(0.3, 4);
            tensors.coefficients(scale * r[0], scale * r[1], scale * r[2], c, 0);
            for (int l = 0; l <= IrreducibleTensors.MAX_L; l++) {
                double[] direct = IrreducibleTensors.array(l, r[0], r[1], r[2]);
                double[] viaBasis = tensors.toArray(l, c, IrreducibleTensors.offset(l));
                double cn = 0;
                for (int i = 0; i < direct.length; i++) {
                    assertEquals(direct[i], viaBasis[i], 1e-13, "l=" + l);
                }
                double[] back = tensors.toCoefficients(l, direct);
                for (int m = 0; m < back.length; m++) {
                    assertEquals(c[IrreducibleTensors.offset(l) + m], back[m], 1e-13);
                    cn += back[m] * back[m];
                }
                assertEquals(IrreducibleTensors.normSquared(l), cn, 1e-13, "Frobenius norm = coefficient norm, l=" + l);
            }
        }
    }

    @Test
    void tensorsRotateWithTheDirection() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int trial = 0; trial < 4; trial++) {
            double[] rot = TestMath.rotation(rng, trial % 2 == 1);
            double[] u = TestMath.randomDirection(rng);
            double[] v = TestMath.apply(rot, u);
            for (int l = 0; l <= L; l++) {
                double[] expected = TestMath.rotateArray(l, rot, IrreducibleTensors.array(l, u[0], u[1], u[2]));
                double[] actual = IrreducibleTensors.array(l, v[0], v[1], v[2]);
                for (int i = 0; i < actual.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-13, "T^" + l + "(R r) = R^(x)l T^" + l + "(r)");
                }
            }
        }
    }

    @Test
    void coefficientsAreOrthogonalOverTheSphere() {
        double[][] quad = TestMath.sphereQuadrature(2 * L + 2, 4 * L + 4);
        IrreducibleTensors t = new IrreducibleTensors(L);
        int p = t.size();
        double[][] gram = new double[p][p];
        double[] c = new double[p];
        for (double[] q : quad) {
            t.coefficients(q[0], q[1], q[2], c, 0);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    gram[i][j] += q[3] * c[i] * c[j];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                int l = t.orderOf(i);
                double kappa2 = 4 * Math.PI * IrreducibleTensors.normSquared(l) / (2 * l + 1);
                assertEquals(i == j ? kappa2 : 0, gram[i][j], 1e-12, "∫ c_" + i + " c_" + j + " dΩ");
            }
        }
    }

    /** Real spherical harmonics without Condon–Shortley phase, from θ and φ (test reference). */
    static double ylm(int l, int m, double x, double y, double z) {
        double theta = Math.acos(Math.max(-1, Math.min(1, z)));
        double phi = Math.atan2(y, x);
        int am = Math.abs(m);
        double st = Math.sin(theta);
        double ct = Math.cos(theta);
        double pmm = 1;
        for (int k = 1; k <= am; k++) {
            pmm *= (2 * k - 1) * st;
        }
        double plm;
        if (l == am) {
            plm = pmm;
        } else {
            double p0 = pmm;
            double p1 = (2 * am + 1) * ct * pmm;
            for (int k = am + 2; k <= l; k++) {
                double p2 = ((2 * k - 1) * ct * p1 - (k + am - 1) * p0) / (k - am);
                p0 = p1;
                p1 = p2;
            }
            plm = p1;
        }
        double ratio = 1;
        for (int k = l - am + 1; k <= l + am; k++) {
            ratio /= k;
        }
        double norm = Math.sqrt((2 * l + 1) / (4 * Math.PI) * ratio);
        if (m == 0) {
            return norm * plm;
        }
        return Math.sqrt(2) * norm * plm * (m > 0 ? Math.cos(am * phi) : Math.sin(am * phi));
    }

    @Test
    void coefficientsAreScaledRealSphericalHarmonics() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] c = new double[tensors.size()];
        for (int trial = 0; trial < 20; trial++) {
            double[] u = TestMath.randomDirection(rng);
            tensors.coefficients(u[0], u[1], u[2], c, 0);
            for (int l = 0; l <= IrreducibleTensors.MAX_L; l++) {
                double kappa = Math.sqrt(4 * Math.PI * IrreducibleTensors.normSquared(l) / (2 * l + 1));
                for (int m = -l; m <= l; m++) {
                    assertEquals(kappa * ylm(l, m, u[0], u[1], u[2]), c[IrreducibleTensors.index(l, m)], 1e-12, "l=" + l + " m=" + m);
                }
            }
        }
        tensors.coefficients(0.2, 0.3, 0.4, c, 0);
        double n = Math.sqrt(0.29);
        assertEquals(0.3 / n, c[1], 1e-15, "c^1_-1 = y");
        assertEquals(0.4 / n, c[2], 1e-15, "c^1_0 = z");
        assertEquals(0.2 / n, c[3], 1e-15, "c^1_1 = x");
    }

    @Test
    void polynomialIsHomogeneousOfDegreeL() {
        SparsePolynomial q = tensors.polynomial();
        assertEquals(3, q.variables());
        assertEquals(tensors.size(), q.outputs());
        double[] r = {0.7, -1.3, 0.4};
        double len = Math.sqrt(0.49 + 1.69 + 0.16);
        double[] values = q.evaluate(r);
        double[] c = new double[tensors.size()];
        tensors.coefficients(r[0], r[1], r[2], c, 0);
        for (int i = 0; i < c.length; i++) {
            assertEquals(Math.pow(len, tensors.orderOf(i)) * c[i], values[i], 1e-12 * (1 + Math.abs(values[i])));
        }
        for (int t = 0; t < q.terms(); t++) {
            assertEquals(tensors.orderOf(q.output(t)), q.exponent(t, 0) + q.exponent(t, 1) + q.exponent(t, 2));
        }
    }

    @Test
    void gradientsWithRespectToTheVectorMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(6);
        int p = tensors.size();
        double[] c = new double[p];
        double[] g = new double[3 * p];
        double[] cp = new double[p];
        double[] cm = new double[p];
        double h = 1e-6;
        for (int trial = 0; trial < 5; trial++) {
            double[] u = TestMath.randomDirection(rng);
            double s = rng.nextDouble(0.5, 3);
            double[] r = {s * u[0], s * u[1], s * u[2]};
            tensors.coefficients(r[0], r[1], r[2], c, 0, g, 0);
            for (int k = 0; k < 3; k++) {
                double[] rp = r.clone();
                double[] rm = r.clone();
                rp[k] += h;
                rm[k] -= h;
                tensors.coefficients(rp[0], rp[1], rp[2], cp, 0);
                tensors.coefficients(rm[0], rm[1], rm[2], cm, 0);
                for (int i = 0; i < p; i++) {
                    double numeric = (cp[i] - cm[i]) / (2 * h);
                    assertEquals(numeric, g[3 * i + k], 1e-7 * (1 + Math.abs(numeric)), "∂c_" + i + "/∂r_" + k);
                }
            }
            for (int i = 0; i < p; i++) {
                double radial = g[3 * i] * u[0] + g[3 * i + 1] * u[1] + g[3 * i + 2] * u[2];
                assertEquals(0, radial, 1e-12, "c depends on the direction only");
            }
        }
    }

    @Test
    void invalidArgumentsAreRejectedQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IrreducibleTensors(IrreducibleTensors.MAX_L + 1));
        assertTrue(e.getMessage().contains(String.valueOf(IrreducibleTensors.MAX_L + 1)), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tensors.coefficients(0, 0, 0, new double[tensors.size()], 0));
        assertTrue(e.getMessage().contains("(0.0, 0.0, 0.0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tensors.basisArray(2, 3));
        assertTrue(e.getMessage().contains("got 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tensors.toCoefficients(2, new double[8]));
    }
}
