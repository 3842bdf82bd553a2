package org.atomstack.basis.ace.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClebschGordanTest {
    @Test
    void complexCoefficientsKnownValuesAndOrthogonality() {
        assertEquals(Math.sqrt(0.5), ClebschGordan.complex(1, 1, 1, -1, 1, 0), 1e-15);
        assertEquals(Math.sqrt(1 / 3.0), ClebschGordan.complex(1, 1, 1, -1, 0, 0), 1e-15);
        assertEquals(-Math.sqrt(1 / 3.0), ClebschGordan.complex(1, 0, 1, 0, 0, 0), 1e-15);
        assertEquals(Math.sqrt(2 / 3.0), ClebschGordan.complex(1, 0, 1, 0, 2, 0), 1e-15);
        assertEquals(0, ClebschGordan.complex(1, 0, 1, 0, 1, 0), 1e-15);
        for (int l1 = 0; l1 <= 4; l1++) {
            for (int l2 = 0; l2 <= 4; l2++) {
                for (int bigL = Math.abs(l1 - l2); bigL <= l1 + l2; bigL++) {
                    for (int bigL2 = Math.abs(l1 - l2); bigL2 <= l1 + l2; bigL2++) {
                        for (int bigM = -Math.min(bigL, bigL2); bigM <= Math.min(bigL, bigL2); bigM++) {
                            double s = 0;
                            for (int m1 = -l1; m1 <= l1; m1++) {
                                int m2 = bigM - m1;
                                s += ClebschGordan.complex(l1, m1, l2, m2, bigL, bigM) * ClebschGordan.complex(l1, m1, l2, m2, bigL2, bigM);
                            }
                            assertEquals(bigL == bigL2 ? 1 : 0, s, 1e-13);
                        }
                    }
                }
            }
        }
    }

    @Test
    void complexCoefficientsStayNormalisedAtLargeDegrees() {
        for (int[] c : new int[][] {{20, 40, 12}, {30, 40, 11}, {40, 40, 9}}) {
            int l = c[0];
            double tol = Math.pow(10, -c[2]);
            for (int bigL : new int[] {0, 1, l / 2, l, Math.min(c[1], 2 * l)}) {
                for (int bigM : new int[] {0, Math.min(bigL, 3), bigL}) {
                    double s = 0;
                    for (int m1 = -l; m1 <= l; m1++) {
                        double v = ClebschGordan.complex(l, m1, l, bigM - m1, bigL, bigM);
                        s += v * v;
                    }
                    assertEquals(1, s, tol, "l = " + l + ", L = " + bigL + ", M = " + bigM);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ClebschGordan.complex(ClebschGordan.MAX_L + 1, 0, 0, 0, 0, 0));
    }

    @Test
    void realCouplingIsAnOrthonormalIntertwiner() {
        SplittableRandom rng = new SplittableRandom(11);
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(8);
        double[] y1 = new double[ylm.size()];
        double[] y2 = new double[ylm.size()];
        double[] y3 = new double[ylm.size()];
        for (int l1 = 0; l1 <= 4; l1++) {
            for (int l2 = 0; l2 <= 4; l2++) {
                for (int bigL = Math.abs(l1 - l2); bigL <= l1 + l2; bigL++) {
                    double[] r = ClebschGordan.realCoupling(l1, l2, bigL);
                    int d1 = 2 * l1 + 1;
                    int d2 = 2 * l2 + 1;
                    int dL = 2 * bigL + 1;
                    for (int a = 0; a < dL; a++) {
                        for (int b = 0; b < dL; b++) {
                            double s = 0;
                            for (int k = 0; k < d1 * d2; k++) {
                                s += r[a * d1 * d2 + k] * r[b * d1 * d2 + k];
                            }
                            assertEquals(a == b ? 1 : 0, s, 1e-13, "orthonormality l1=" + l1 + " l2=" + l2 + " L=" + bigL);
                        }
                    }
                    // f(r1, r2, r3) = sum R_{M m1 m2} Y_l1m1(r1) Y_l2m2(r2) Y_LM(r3) is invariant under rotations
                    double[][] p = {Rotations.randomVector(rng), Rotations.randomVector(rng), Rotations.randomVector(rng)};
                    double[][] q = Rotations.random(rng, false);
                    double f0 = triple(ylm, r, l1, l2, bigL, p[0], p[1], p[2], y1, y2, y3);
                    double f1 = triple(ylm, r, l1, l2, bigL, Rotations.apply(q, p[0]), Rotations.apply(q, p[1]), Rotations.apply(q, p[2]),
                        y1, y2, y3);
                    assertEquals(f0, f1, 1e-12, "rotation invariance l1=" + l1 + " l2=" + l2 + " L=" + bigL);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ClebschGordan.realCoupling(1, 1, 3));
    }

    private static double triple(RealSphericalHarmonics ylm, double[] r, int l1, int l2, int bigL, double[] p1, double[] p2, double[] p3,
                                 double[] y1, double[] y2, double[] y3) {
        ylm.evaluate(p1[0], p1[1], p1[2], y1);
        ylm.evaluate(p2[0], p2[1], p2[2], y2);
        ylm.evaluate(p3[0], p3[1], p3[2], y3);
        double f = 0;
        int d1 = 2 * l1 + 1;
        int d2 = 2 * l2 + 1;
        for (int bigM = -bigL; bigM <= bigL; bigM++) {
            for (int m1 = -l1; m1 <= l1; m1++) {
                for (int m2 = -l2; m2 <= l2; m2++) {
                    f += r[((bigM + bigL) * d1 + m1 + l1) * d2 + m2 + l2] * y1[l1 * l1 + l1 + m1] * y2[l2 * l2 + l2 + m2]
                        * y3[bigL * bigL + bigL + bigM];
                }
            }
        }
        return f;
    }

    @Test
    void realGauntMatchesQuadrature() {
        int lmax = 4;
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(2 * lmax);
        double[][] q = Quadrature.sphere(4 * lmax);
        double[][] ys = new double[q[0].length][];
        for (int p = 0; p < ys.length; p++) {
            ys[p] = new double[ylm.size()];
            ylm.evaluate(q[0][p], q[1][p], q[2][p], ys[p]);
        }
        for (int l1 = 0; l1 <= lmax; l1++) {
            for (int l2 = 0; l2 <= lmax; l2++) {
                for (int bigL = 0; bigL <= 2 * lmax; bigL++) {
                    for (int m1 = -l1; m1 <= l1; m1++) {
                        for (int m2 = -l2; m2 <= l2; m2++) {
                            for (int bigM = -bigL; bigM <= bigL; bigM++) {
                                double s = 0;
                                for (int p = 0; p < ys.length; p++) {
                                    s += q[3][p] * ys[p][l1 * l1 + l1 + m1] * ys[p][l2 * l2 + l2 + m2] * ys[p][bigL * bigL + bigL + bigM];
                                }
                                assertEquals(s, ClebschGordan.realGaunt(l1, m1, l2, m2, bigL, bigM), 1e-13);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void invariantCountsForSmallDegreeTuples() {
        assertEquals(1, ClebschGordan.invariants(0).length);
        assertEquals(0, ClebschGordan.invariants(2).length);
        for (int l = 0; l <= 6; l++) {
            assertEquals(1, ClebschGordan.invariants(l, l).length);
        }
        assertEquals(0, ClebschGordan.invariants(1, 2).length);
        assertEquals(1, ClebschGordan.invariants(1, 1, 2).length);
        assertEquals(1, ClebschGordan.invariants(2, 2, 2).length);
        assertEquals(0, ClebschGordan.invariants(1, 1, 1).length, "odd sum of l: pseudoscalar only, not O(3)-invariant");
        assertEquals(3, ClebschGordan.invariants(1, 1, 1, 1).length);
        assertEquals(5, ClebschGordan.invariants(2, 2, 2, 2).length);
        assertEquals(3, ClebschGordan.invariants(1, 1, 2, 2).length, "L = 0, 1, 2 in both 1⊗1 and 2⊗2");
        assertEquals(15, ClebschGordan.invariants(1, 1, 1, 1, 1, 1).length, "multiplicity of L = 0 in 1^⊗6");
    }

    @Test
    void invariantsAreOrthonormalAndInvariantUnderO3() {
        int[][] cases = {{0}, {3, 3}, {1, 1, 2}, {2, 2, 2}, {1, 2, 3}, {1, 1, 1, 1}, {2, 2, 2, 2}, {0, 1, 2, 3}, {1, 1, 2, 2, 2}};
        SplittableRandom rng = new SplittableRandom(5);
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(3);
        for (int[] l : cases) {
            double[][] c = ClebschGordan.invariants(l);
            assertTrue(c.length > 0);
            for (int a = 0; a < c.length; a++) {
                for (int b = 0; b < c.length; b++) {
                    double s = 0;
                    for (int k = 0; k < c[a].length; k++) {
                        s += c[a][k] * c[b][k];
                    }
                    assertEquals(a == b ? 1 : 0, s, 1e-12);
                }
            }
            double[][] pts = new double[l.length][];
            for (int t = 0; t < l.length; t++) {
                pts[t] = Rotations.randomVector(rng);
            }
            for (int trial = 0; trial < 4; trial++) {
                double[][] q = Rotations.random(rng, trial % 2 == 1);
                double[][] turned = new double[l.length][];
                for (int t = 0; t < l.length; t++) {
                    turned[t] = Rotations.apply(q, pts[t]);
                }
                for (double[] v : c) {
                    assertEquals(product(ylm, l, v, pts), product(ylm, l, v, turned), 1e-12, java.util.Arrays.toString(l));
                }
            }
        }
    }

    private static double product(RealSphericalHarmonics ylm, int[] l, double[] c, double[][] pts) {
        double[][] y = new double[l.length][ylm.size()];
        for (int t = 0; t < l.length; t++) {
            ylm.evaluate(pts[t][0], pts[t][1], pts[t][2], y[t]);
        }
        double f = 0;
        int[] m = new int[l.length];
        for (int idx = 0; idx < c.length; idx++) {
            int rem = idx;
            for (int t = l.length - 1; t >= 0; t--) {
                m[t] = rem % (2 * l[t] + 1) - l[t];
                rem /= 2 * l[t] + 1;
            }
            double p = c[idx];
            for (int t = 0; t < l.length; t++) {
                p *= y[t][l[t] * l[t] + l[t] + m[t]];
            }
            f += p;
        }
        return f;
    }

    @Test
    void symmetrisedInvariantsReduceIdenticalFactors() {
        assertEquals(3, ClebschGordan.symmetrisedInvariants(new int[] {1, 1, 1, 1}, new int[] {0, 1, 2, 3}).count());
        assertEquals(1, ClebschGordan.symmetrisedInvariants(new int[] {1, 1, 1, 1}, new int[] {0, 0, 0, 0}).count(),
            "Sym^4 of l=1 has one invariant, |r|^4");
        assertEquals(2, ClebschGordan.symmetrisedInvariants(new int[] {1, 1, 1, 1}, new int[] {0, 0, 2, 2}).count(),
            "Sym^2 ⊗ Sym^2 of l=1: (a·a)(b·b) and (a·b)^2");
        assertEquals(1, ClebschGordan.symmetrisedInvariants(new int[] {2, 2, 2}, new int[] {0, 0, 0}).count());
        assertEquals(0, ClebschGordan.symmetrisedInvariants(new int[] {1, 1, 1}, new int[] {0, 0, 0}).count());
        assertEquals(1, ClebschGordan.symmetrisedInvariants(new int[] {2, 2, 2, 2}, new int[] {0, 0, 0, 0}).count(),
            "degree-4 invariants of a traceless symmetric 3×3 matrix: (tr A²)² only (tr A⁴ = ½ (tr A²)²)");
        assertEquals(0, ClebschGordan.symmetrisedInvariants(new int[] {3, 3, 3}, new int[] {0, 0, 0}).count(),
            "the invariant of 3 ⊗ 3 ⊗ 3 is antisymmetric");
        assertThrows(IllegalArgumentException.class, () -> ClebschGordan.symmetrisedInvariants(new int[] {1, 2}, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> ClebschGordan.symmetrisedInvariants(new int[] {1, 1, 1}, new int[] {0, 1, 0}));
    }

    @Test
    void symmetrisedInvariantsOfAtomicBasesAreInvariant() {
        SplittableRandom rng = new SplittableRandom(9);
        RealSphericalHarmonics ylm = new RealSphericalHarmonics(3);
        int[][][] cases = {{{1, 1, 1, 1}, {0, 0, 0, 0}}, {{1, 1, 1, 1}, {0, 0, 2, 2}}, {{2, 2, 2}, {0, 0, 0}}, {{1, 1, 2, 2}, {0, 0, 2, 3}},
            {{2, 2, 2, 2}, {0, 0, 0, 3}}};
        for (int[][] cs : cases) {
            int[] l = cs[0];
            int[] group = cs[1];
            ClebschGordan.Coupling c = ClebschGordan.symmetrisedInvariants(l, group);
            double[][] pts = new double[8][];
            double[] w = new double[8];
            for (int j = 0; j < 8; j++) {
                pts[j] = Rotations.randomVector(rng);
                w[j] = rng.nextDouble(-1, 1);
            }
            double[][] q = Rotations.random(rng, true);
            double[][] turned = new double[8][];
            for (int j = 0; j < 8; j++) {
                turned[j] = Rotations.apply(q, pts[j]);
            }
            double[] b0 = evaluate(ylm, c, l, group, pts, w);
            double[] b1 = evaluate(ylm, c, l, group, turned, w);
            for (int i = 0; i < c.count(); i++) {
                assertEquals(b0[i], b1[i], 1e-12);
                assertTrue(Math.abs(b0[i]) > 1e-8, "non-trivial");
            }
        }
    }

    /** A_{g,m} = sum_j w_j^(g) Y_lm(p_j) with a different weight pattern per group g. */
    private static double[] evaluate(RealSphericalHarmonics ylm, ClebschGordan.Coupling c, int[] l, int[] group, double[][] pts, double[] w) {
        double[][] a = new double[l.length][ylm.size()];
        double[] y = new double[ylm.size()];
        for (int j = 0; j < pts.length; j++) {
            ylm.evaluate(pts[j][0], pts[j][1], pts[j][2], y);
            for (int t = 0; t < l.length; t++) {
                double wt = Math.pow(w[j], group[t] + 1) + 0.1 * group[t];
                for (int k = 0; k < y.length; k++) {
                    a[t][k] += wt * y[k];
                }
            }
        }
        double[] out = new double[c.count()];
        int[][] tuples = c.mTuples();
        double[][] coeff = c.coefficients();
        for (int i = 0; i < c.count(); i++) {
            for (int s = 0; s < tuples.length; s++) {
                double p = coeff[i][s];
                for (int t = 0; t < l.length; t++) {
                    p *= a[t][l[t] * l[t] + l[t] + tuples[s][t]];
                }
                out[i] += p;
            }
        }
        return out;
    }
}
