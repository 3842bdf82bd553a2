package org.atomstack.purification.internal;

import java.util.HashMap;
import java.util.Map;
import org.atomstack.basis.ace.toolkit.ClebschGordan;
import org.atomstack.basis.ace.toolkit.RealSphericalHarmonics;

/**
 * Linearisation of products of real spherical harmonics, Π_t Y_{l_t m_t} = Σ_{L M} G_{LM} Y_{LM}
 * (the angular half of Eq. 12), analytically: a product of two is Σ_{L M} g Y_{LM} with the real
 * Gaunt coefficients g = ∫ Y_{l1 m1} Y_{l2 m2} Y_{LM} dΩ = √((2l1+1)(2l2+1)/(4π(2L+1)))
 * ⟨l1 0 l2 0|L 0⟩ R^L_{M m1 m2} (R the real intertwiner of {@link ClebschGordan#realCoupling}),
 * non-zero only for |l1 − l2| ≤ L ≤ l1 + l2 with l1 + l2 + L even; longer products are folded in
 * one factor at a time. The expansion is degree-preserving (L ≤ Σ l_t) and parity-preserving
 * (L ≡ Σ l_t mod 2). Values with |G| ≤ 1e-14·max|G| are rounding zeros and dropped.
 *
 * <p>Coupling tensors and products are cached; not thread-safe (used while building an operator).
 */
final class AngularProducts {
    /** A linearised product: parallel arrays of (L, M, G). */
    record Expansion(int[] l, int[] m, double[] value) {
        /** Number of terms. */
        int size() {
            return value.length;
        }
    }

    private final Map<Integer, double[]> tensors = new HashMap<>();
    private final Map<IntTuple, Expansion> cache = new HashMap<>();

    /**
     * The expansion of Π_t Y_{l_t m_t}.
     *
     * @param l degrees (≥ 1 factor), Σ l ≤ {@link ClebschGordan#MAX_L}
     * @param m orders, |m_t| ≤ l_t
     * @return the expansion (shared; do not modify)
     * @throws IllegalArgumentException when Σ l exceeds the supported degree
     */
    Expansion product(int[] l, int[] m) {
        int n = l.length;
        int lsum = 0;
        int[] packed = new int[n];
        for (int t = 0; t < n; t++) {
            lsum += l[t];
            packed[t] = RealSphericalHarmonics.index(l[t], m[t]);
        }
        if (lsum > ClebschGordan.MAX_L) {
            throw new IllegalArgumentException("products of spherical harmonics up to total degree " + ClebschGordan.MAX_L
                + " are supported, got l = " + java.util.Arrays.toString(l));
        }
        java.util.Arrays.sort(packed);
        IntTuple key = new IntTuple(packed);
        Expansion e = cache.get(key);
        if (e != null) {
            return e;
        }
        int size = (lsum + 1) * (lsum + 1);
        double[] cur = new double[size];
        double[] next = new double[size];
        cur[RealSphericalHarmonics.index(l[0], m[0])] = 1;
        int lcur = l[0];
        for (int t = 1; t < n; t++) {
            java.util.Arrays.fill(next, 0);
            int lt = l[t];
            int mt = m[t];
            for (int bigL = 0; bigL <= lcur; bigL++) {
                for (int bigM = -bigL; bigM <= bigL; bigM++) {
                    double g = cur[RealSphericalHarmonics.index(bigL, bigM)];
                    if (g == 0) {
                        continue;
                    }
                    for (int l2 = Math.abs(bigL - lt); l2 <= bigL + lt; l2 += 2) {
                        double[] tensor = tensor(bigL, lt, l2);
                        int d1 = 2 * bigL + 1;
                        int d2 = 2 * lt + 1;
                        for (int m2 = -l2; m2 <= l2; m2++) {
                            double v = tensor[((m2 + l2) * d1 + bigM + bigL) * d2 + mt + lt];
                            if (v != 0) {
                                next[RealSphericalHarmonics.index(l2, m2)] += g * v;
                            }
                        }
                    }
                }
            }
            double[] swap = cur;
            cur = next;
            next = swap;
            lcur += lt;
        }
        double max = 0;
        for (double v : cur) {
            max = Math.max(max, Math.abs(v));
        }
        int count = 0;
        for (double v : cur) {
            if (Math.abs(v) > 1e-14 * max) {
                count++;
            }
        }
        int[] ls = new int[count];
        int[] ms = new int[count];
        double[] vs = new double[count];
        int j = 0;
        for (int bigL = 0; bigL <= lcur; bigL++) {
            for (int bigM = -bigL; bigM <= bigL; bigM++) {
                double v = cur[RealSphericalHarmonics.index(bigL, bigM)];
                if (Math.abs(v) > 1e-14 * max) {
                    ls[j] = bigL;
                    ms[j] = bigM;
                    vs[j++] = v;
                }
            }
        }
        e = new Expansion(ls, ms, vs);
        cache.put(key, e);
        return e;
    }

    /**
     * g^{L}_{M m1 m2} = √((2l1+1)(2l2+1)/(4π(2L+1))) ⟨l1 0 l2 0|L 0⟩ R^L_{M m1 m2}, indexed
     * ((M+L)(2l1+1) + m1+l1)(2l2+1) + m2+l2.
     */
    private double[] tensor(int l1, int l2, int bigL) {
        int key = (l1 * 64 + l2) * 128 + bigL;
        double[] t = tensors.get(key);
        if (t == null) {
            double k = Math.sqrt((2.0 * l1 + 1) * (2.0 * l2 + 1) / (4 * Math.PI * (2.0 * bigL + 1)))
                * ClebschGordan.complex(l1, 0, l2, 0, bigL, 0);
            double[] r = ClebschGordan.realCoupling(l1, l2, bigL);
            t = new double[r.length];
            for (int i = 0; i < r.length; i++) {
                t[i] = k * r[i];
            }
            tensors.put(key, t);
        }
        return t;
    }
}
