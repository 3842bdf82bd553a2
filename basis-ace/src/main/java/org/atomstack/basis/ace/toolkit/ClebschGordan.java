package org.atomstack.basis.ace.toolkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Clebsch–Gordan coefficients and rotation-invariant couplings for the real spherical
 * harmonics of {@link RealSphericalHarmonics} (same phase convention). All methods are pure
 * functions (no caches); callers that need a coupling repeatedly keep its result.
 *
 * <ul>
 *   <li>{@link #complex}: the standard (Condon–Shortley) coefficients ⟨l1 m1 l2 m2 | L M⟩ of
 *       the complex harmonics, Racah's formula;</li>
 *   <li>{@link #realToComplex}: the unitary S^l with Y^real_lm = Σ_μ S^l_mμ Y^complex_lμ;</li>
 *   <li>{@link #realCoupling}: the real intertwiner R^{L}_{M m1 m2} that couples two real
 *       spherical tensors of degrees l1, l2 to one of degree L;</li>
 *   <li>{@link #realGaunt}: ∫ Y_l1m1 Y_l2m2 Y_LM dΩ for real harmonics (linearisation of
 *       products);</li>
 *   <li>{@link #invariants} and {@link #symmetrisedInvariants}: the generalised coupling, an
 *       orthonormal basis of the O(3)-invariant coefficient vectors of ν-fold products
 *       Y_l1m1 ⋯ Y_lνmν.</li>
 * </ul>
 */
public final class ClebschGordan {
    /** Largest l accepted. */
    public static final int MAX_L = 40;

    /** k! and log k! for k = 0..4·MAX_L+1 (never modified after class initialisation). */
    private static final double[] FACTORIAL = new double[4 * MAX_L + 2];
    private static final double[] LOG_FACTORIAL = new double[4 * MAX_L + 2];
    /** Products of factorials below e^LOG_SAFE stay finite in double precision. */
    private static final double LOG_SAFE = 690;

    static {
        FACTORIAL[0] = 1;
        for (int i = 1; i < LOG_FACTORIAL.length; i++) {
            FACTORIAL[i] = FACTORIAL[i - 1] * i;
            LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log(i);
        }
    }

    private ClebschGordan() {
    }

    /**
     * The Clebsch–Gordan coefficient ⟨l1 m1 l2 m2 | L M⟩ of the complex spherical harmonics
     * (Condon–Shortley convention, real-valued), by Racah's formula (with double factorials where their products
     * stay finite, else log-factorials; Σ_m |CG|² = 1 holds to about 1e-15 at l = 10, 1e-13 at l = 20,
     * 1e-12 at l = 30 and 1e-9 at l = 40, where the alternating sum cancels). Zero unless M = m1 + m2,
     * |l1 − l2| ≤ L ≤ l1 + l2 and |m_i| ≤ l_i.
     *
     * @param l1 first degree, 0..{@link #MAX_L}
     * @param m1 first order
     * @param l2 second degree
     * @param m2 second order
     * @param bigL coupled degree
     * @param bigM coupled order
     * @return the coefficient
     */
    public static double complex(int l1, int m1, int l2, int m2, int bigL, int bigM) {
        checkL(l1);
        checkL(l2);
        checkL(bigL);
        if (bigM != m1 + m2 || Math.abs(m1) > l1 || Math.abs(m2) > l2 || Math.abs(bigM) > bigL
            || bigL < Math.abs(l1 - l2) || bigL > l1 + l2) {
            return 0;
        }
        double[] lf = LOG_FACTORIAL;
        double logA = Math.log(2 * bigL + 1) + lf[bigL + l1 - l2] + lf[bigL - l1 + l2] + lf[l1 + l2 - bigL] - lf[l1 + l2 + bigL + 1];
        double logB = lf[bigL + bigM] + lf[bigL - bigM] + lf[l1 - m1] + lf[l1 + m1] + lf[l2 - m2] + lf[l2 + m2];
        int kMin = Math.max(0, Math.max(l2 - bigL - m1, l1 - bigL + m2));
        int kMax = Math.min(l1 + l2 - bigL, Math.min(l1 - m1, l2 + m2));
        // direct products are more accurate; use logarithms only where they would overflow (the six
        // factorials of a denominator have arguments summing to l1 + l2 + L, so their product is at most (l1 + l2 + L)!)
        boolean direct = logB < LOG_SAFE && lf[l1 + l2 + bigL + 1] < LOG_SAFE;
        double[] f = FACTORIAL;
        double pre = direct ? Math.sqrt((2 * bigL + 1) * f[bigL + l1 - l2] * f[bigL - l1 + l2] * f[l1 + l2 - bigL] / f[l1 + l2 + bigL + 1])
            * Math.sqrt(f[bigL + bigM] * f[bigL - bigM] * f[l1 - m1] * f[l1 + m1] * f[l2 - m2] * f[l2 + m2]) : 0;
        double logPre = 0.5 * (logA + logB);
        double sum = 0;
        for (int k = kMin; k <= kMax; k++) {
            double term;
            if (direct) {
                term = pre / (f[k] * f[l1 + l2 - bigL - k] * f[l1 - m1 - k] * f[l2 + m2 - k] * f[bigL - l2 + m1 + k] * f[bigL - l1 - m2 + k]);
            } else {
                term = Math.exp(logPre - (lf[k] + lf[l1 + l2 - bigL - k] + lf[l1 - m1 - k] + lf[l2 + m2 - k] + lf[bigL - l2 + m1 + k]
                    + lf[bigL - l1 - m2 + k]));
            }
            sum += (k & 1) == 0 ? term : -term;
        }
        return sum;
    }

    /**
     * The unitary change of basis from complex to real harmonics of degree l:
     * Y^real_lm = Σ_μ S_mμ Y^complex_lμ with
     * S_mm = (−1)^m/√2, S_m,−m = 1/√2 (m &gt; 0); S_00 = 1;
     * S_mm = i/√2, S_m,−m = −i(−1)^m/√2 (m &lt; 0).
     *
     * @param l degree ≥ 0
     * @return {re, im}, each (2l+1)×(2l+1) row-major, row m + l, column μ + l
     */
    public static double[][] realToComplex(int l) {
        int d = 2 * l + 1;
        double[] re = new double[d * d];
        double[] im = new double[d * d];
        double h = Math.sqrt(0.5);
        re[l * d + l] = 1;
        for (int m = 1; m <= l; m++) {
            double sign = (m & 1) == 0 ? 1 : -1;
            re[(m + l) * d + (m + l)] = sign * h;
            re[(m + l) * d + (-m + l)] = h;
            int mn = -m;
            im[(mn + l) * d + (mn + l)] = h;
            im[(mn + l) * d + (m + l)] = -sign * h; // −i(−1)^{mn} with (−1)^{mn} = (−1)^m
        }
        return new double[][] {re, im};
    }

    /**
     * The real coupling tensor: R_{M m1 m2} such that, for real spherical tensors u (degree l1)
     * and v (degree l2) — e.g. u_m1 = Y_l1m1(r̂), v_m2 = Y_l2m2(r̂') — the components
     * w_M = Σ R_{M m1 m2} u_m1 v_m2 rotate like real Y_LM. Defined as
     * S^L · CG · (S^l1 ⊗ S^l2)^† with the complex coefficients {@link #complex}; this is real
     * when l1 + l2 + L is even and purely imaginary when it is odd, in which case its imaginary
     * part is returned (still an intertwiner). Orthonormal:
     * Σ_{m1 m2} R_{M m1 m2} R_{M' m1 m2} = δ_MM'.
     *
     * @param l1 first degree
     * @param l2 second degree
     * @param bigL coupled degree, |l1 − l2| ≤ L ≤ l1 + l2
     * @return (2L+1)×(2l1+1)×(2l2+1) values, index ((M+L)·(2l1+1) + m1+l1)·(2l2+1) + m2+l2
     * @throws IllegalArgumentException when the triangle condition fails
     */
    public static double[] realCoupling(int l1, int l2, int bigL) {
        checkL(l1);
        checkL(l2);
        checkL(bigL);
        if (bigL < Math.abs(l1 - l2) || bigL > l1 + l2) {
            throw new IllegalArgumentException("coupling " + l1 + " ⊗ " + l2 + " → " + bigL + " violates the triangle condition");
        }
        boolean imaginary = ((l1 + l2 + bigL) & 1) == 1;
        double[][] sL = realToComplex(bigL);
        double[][] s1 = realToComplex(l1);
        double[][] s2 = realToComplex(l2);
        int dL = 2 * bigL + 1;
        int d1 = 2 * l1 + 1;
        int d2 = 2 * l2 + 1;
        double[] out = new double[dL * d1 * d2];
        for (int bigM = -bigL; bigM <= bigL; bigM++) {
            for (int m1 = -l1; m1 <= l1; m1++) {
                for (int m2 = -l2; m2 <= l2; m2++) {
                    double re = 0;
                    double im = 0;
                    for (int k1 = 0; k1 < (m1 == 0 ? 1 : 2); k1++) {
                        int mu1 = k1 == 0 ? m1 : -m1;
                        double ar = s1[0][(m1 + l1) * d1 + mu1 + l1];
                        double ai = -s1[1][(m1 + l1) * d1 + mu1 + l1]; // conjugate
                        for (int k2 = 0; k2 < (m2 == 0 ? 1 : 2); k2++) {
                            int mu2 = k2 == 0 ? m2 : -m2;
                            double br = s2[0][(m2 + l2) * d2 + mu2 + l2];
                            double bi = -s2[1][(m2 + l2) * d2 + mu2 + l2];
                            int mu = mu1 + mu2;
                            if (Math.abs(mu) > bigL || (mu != bigM && mu != -bigM)) {
                                continue;
                            }
                            double cr = sL[0][(bigM + bigL) * dL + mu + bigL];
                            double ci = sL[1][(bigM + bigL) * dL + mu + bigL];
                            double cg = complex(l1, mu1, l2, mu2, bigL, mu);
                            if (cg == 0 || (cr == 0 && ci == 0)) {
                                continue;
                            }
                            // (cr + i ci)(ar + i ai)(br + i bi) cg
                            double pr = ar * br - ai * bi;
                            double pi = ar * bi + ai * br;
                            re += cg * (cr * pr - ci * pi);
                            im += cg * (cr * pi + ci * pr);
                        }
                    }
                    out[((bigM + bigL) * d1 + m1 + l1) * d2 + m2 + l2] = imaginary ? im : re;
                }
            }
        }
        return out;
    }

    /**
     * The real Gaunt coefficient ∫ Y_l1m1 Y_l2m2 Y_LM dΩ of real harmonics, so that
     * Y_l1m1 Y_l2m2 = Σ_LM G Y_LM. Equals √((2l1+1)(2l2+1)/(4π(2L+1))) ⟨l1 0 l2 0|L 0⟩ R_{M m1 m2}
     * with R from {@link #realCoupling}; zero unless l1 + l2 + L is even and the triangle
     * condition holds.
     *
     * @param l1 first degree
     * @param m1 first order
     * @param l2 second degree
     * @param m2 second order
     * @param bigL third degree
     * @param bigM third order
     * @return the integral
     */
    public static double realGaunt(int l1, int m1, int l2, int m2, int bigL, int bigM) {
        if (((l1 + l2 + bigL) & 1) == 1 || bigL < Math.abs(l1 - l2) || bigL > l1 + l2
            || Math.abs(m1) > l1 || Math.abs(m2) > l2 || Math.abs(bigM) > bigL) {
            return 0;
        }
        double k = Math.sqrt((2.0 * l1 + 1) * (2.0 * l2 + 1) / (4 * Math.PI * (2.0 * bigL + 1))) * complex(l1, 0, l2, 0, bigL, 0);
        double[] r = realCoupling(l1, l2, bigL);
        return k * r[((bigM + bigL) * (2 * l1 + 1) + m1 + l1) * (2 * l2 + 1) + m2 + l2];
    }

    /**
     * Number of m-tuples for the degrees {@code l}: Π_t (2 l_t + 1).
     *
     * @param l degrees
     * @return the product
     */
    public static int tupleCount(int... l) {
        long n = 1;
        for (int lt : l) {
            n *= 2L * lt + 1;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many m-tuples for l = " + Arrays.toString(l));
        }
        return (int) n;
    }

    /**
     * An orthonormal basis of the O(3)-invariant coefficient vectors for the product
     * Y_l1m1(r̂_1) ⋯ Y_lνmν(r̂_ν): vectors c over m-tuples such that
     * Σ_m c_m Π_t Y_ltmt(Q r̂_t) = Σ_m c_m Π_t Y_ltmt(r̂_t) for every orthogonal Q.
     *
     * <p>Constructed by sequential coupling (l1 ⊗ l2 → L2, L2 ⊗ l3 → L3, …, L_{ν−1} ⊗ lν → 0)
     * with the real intertwiners of {@link #realCoupling}; each admissible path of intermediate
     * degrees gives one vector, and these are orthonormal because the intertwiners are. Their
     * number is the multiplicity of L = 0 in l1 ⊗ ⋯ ⊗ lν (e.g. 1 for (l, l) and (2, 2, 2); 3 for
     * (1, 1, 1, 1)). Under the inversion r̂ → −r̂ the product changes by (−1)^{Σ l}, so only
     * Σ l even has O(3) invariants; for odd Σ l the result is empty.
     *
     * @param l degrees l_1..l_ν, ν ≥ 1
     * @return vectors (one per path, in lexicographic order of the intermediate degrees) of
     *         {@link #tupleCount} entries, index Σ_t (m_t + l_t) · Π_{s&gt;t} (2 l_s + 1)
     *         (m_1 slowest)
     */
    public static double[][] invariants(int... l) {
        if (l.length == 0) {
            throw new IllegalArgumentException("invariants need at least one degree");
        }
        int sum = 0;
        for (int lt : l) {
            checkL(lt);
            sum += lt;
        }
        if ((sum & 1) == 1) {
            return new double[0][];
        }
        if (l.length == 1) {
            return l[0] == 0 ? new double[][] {{1.0}} : new double[0][];
        }
        List<double[]> out = new ArrayList<>();
        // T holds, for the current intermediate degree L, a (2L+1) × (dims so far) matrix.
        int d1 = 2 * l[0] + 1;
        double[] identity = new double[d1 * d1];
        for (int i = 0; i < d1; i++) {
            identity[i * d1 + i] = 1;
        }
        couple(l, 1, l[0], identity, d1, out);
        return out.toArray(new double[0][]);
    }

    private static void couple(int[] l, int t, int bigL, double[] tensor, int cols, List<double[]> out) {
        int lt = l[t];
        int dt = 2 * lt + 1;
        boolean last = t == l.length - 1;
        int lo = Math.abs(bigL - lt);
        int hi = bigL + lt;
        if (last) {
            lo = 0;
            hi = 0;
            if (bigL != lt) {
                return;
            }
        } else {
            // prune: L' must lie in [max(0, 2·max rest − Σ rest), Σ rest], the degrees the
            // remaining factors can couple to, or the path cannot end in L = 0
            int rest = 0;
            int maxRest = 0;
            for (int s = t + 1; s < l.length; s++) {
                rest += l[s];
                maxRest = Math.max(maxRest, l[s]);
            }
            int minReach = Math.max(0, 2 * maxRest - rest);
            lo = Math.max(lo, minReach);
            hi = Math.min(hi, rest);
        }
        int dPrev = 2 * bigL + 1;
        for (int bigL2 = lo; bigL2 <= hi; bigL2++) {
            double[] r = realCoupling(bigL, lt, bigL2);
            int d2 = 2 * bigL2 + 1;
            int newCols = cols * dt;
            double[] next = new double[d2 * newCols];
            for (int bigM2 = 0; bigM2 < d2; bigM2++) {
                for (int bigM = 0; bigM < dPrev; bigM++) {
                    int rowOff = bigM * cols;
                    for (int mt = 0; mt < dt; mt++) {
                        double c = r[(bigM2 * dPrev + bigM) * dt + mt];
                        if (c == 0) {
                            continue;
                        }
                        int base = bigM2 * newCols;
                        for (int col = 0; col < cols; col++) {
                            double v = tensor[rowOff + col];
                            if (v != 0) {
                                next[base + col * dt + mt] += c * v;
                            }
                        }
                    }
                }
            }
            if (last) {
                out.add(next);
            } else {
                couple(l, t + 1, bigL2, next, newCols, out);
            }
        }
    }

    /**
     * The invariant couplings of a product in which some factors are identical (the same
     * one-particle function, as in ACE products of the atomic base A_{znlm}), reduced to
     * independent ones over canonical m-tuples.
     *
     * <p>Factors t and t+1 with {@code group[t] == group[t+1]} are identical; equal groups must be
     * consecutive. The coefficients of {@link #invariants} are summed over the m-tuples that are
     * permutations of each other within groups (the product does not distinguish them), which
     * leaves one coefficient per canonical m-tuple (m ascending within each group). These
     * symmetrised vectors are then orthonormalised in the metric of the symmetric subspace
     * (canonical tuple s weighted by 1/o_s, o_s the number of m-tuples it stands for) by modified
     * Gram–Schmidt with re-orthogonalisation, keeping a vector when its residual norm exceeds
     * 1e-9 (the others are linear combinations of those kept). The result
     * B_i = Σ_s C_is Π_t A_{t, s_t} equals Σ_m ĉ_m Π_t A_{t, m_t} for a unit symmetric invariant
     * ĉ; distinct i are orthogonal.
     *
     * @param l     degrees of the factors
     * @param group equality class per factor (consecutive runs), same length as l
     * @return the couplings (possibly none)
     */
    public static Coupling symmetrisedInvariants(int[] l, int[] group) {
        if (group.length != l.length) {
            throw new IllegalArgumentException("need one group label per factor: " + l.length + " degrees, " + group.length + " labels");
        }
        for (int t = 1; t < l.length; t++) {
            if (group[t] == group[t - 1] && l[t] != l[t - 1]) {
                throw new IllegalArgumentException("identical factors must have equal degrees: l = " + Arrays.toString(l)
                    + ", groups = " + Arrays.toString(group));
            }
            for (int s = 0; s < t - 1; s++) {
                if (group[s] == group[t] && group[t - 1] != group[t]) {
                    throw new IllegalArgumentException("identical factors must be consecutive: groups = " + Arrays.toString(group));
                }
            }
        }
        double[][] raw = invariants(l);
        int nu = l.length;
        int total = tupleCount(l);
        // canonical index of each m-tuple
        Map<Long, Integer> canonical = new HashMap<>();
        List<int[]> tuples = new ArrayList<>();
        List<Integer> orbit = new ArrayList<>();
        int[] canonOf = new int[total];
        int[] m = new int[nu];
        int[] c = new int[nu];
        for (int idx = 0; idx < total; idx++) {
            int rem = idx;
            for (int t = nu - 1; t >= 0; t--) {
                int d = 2 * l[t] + 1;
                m[t] = rem % d - l[t];
                rem /= d;
            }
            System.arraycopy(m, 0, c, 0, nu);
            int start = 0;
            for (int t = 1; t <= nu; t++) {
                if (t == nu || group[t] != group[start]) {
                    Arrays.sort(c, start, t);
                    start = t;
                }
            }
            long key = 0;
            for (int t = 0; t < nu; t++) {
                key = key * 256 + (c[t] + 128);
            }
            Integer at = canonical.get(key);
            if (at == null) {
                at = tuples.size();
                canonical.put(key, at);
                tuples.add(c.clone());
                orbit.add(0);
            }
            orbit.set(at, orbit.get(at) + 1);
            canonOf[idx] = at;
        }
        int ns = tuples.size();
        double[] sqrtOrbit = new double[ns];
        for (int s = 0; s < ns; s++) {
            sqrtOrbit[s] = Math.sqrt(orbit.get(s));
        }
        List<double[]> kept = new ArrayList<>();
        List<Integer> keptPath = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            double[] w = new double[ns];
            for (int idx = 0; idx < total; idx++) {
                w[canonOf[idx]] += raw[i][idx];
            }
            for (int s = 0; s < ns; s++) {
                w[s] /= sqrtOrbit[s];
            }
            for (int pass = 0; pass < 2; pass++) {
                for (double[] q : kept) {
                    double dot = 0;
                    for (int s = 0; s < ns; s++) {
                        dot += q[s] * w[s];
                    }
                    for (int s = 0; s < ns; s++) {
                        w[s] -= dot * q[s];
                    }
                }
            }
            double norm = 0;
            for (double v : w) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm > 1e-9) {
                for (int s = 0; s < ns; s++) {
                    w[s] /= norm;
                }
                kept.add(w);
                keptPath.add(i);
            }
        }
        // coefficients on canonical tuples: C_is = sqrt(o_s) V_is; keep only the tuples used
        boolean[] used = new boolean[ns];
        double[][] coeff = new double[kept.size()][ns];
        for (int i = 0; i < kept.size(); i++) {
            for (int s = 0; s < ns; s++) {
                double v = kept.get(i)[s] * sqrtOrbit[s];
                if (Math.abs(v) > 1e-13) {
                    coeff[i][s] = v;
                    used[s] = true;
                }
            }
        }
        int nUsed = 0;
        for (boolean u : used) {
            nUsed += u ? 1 : 0;
        }
        int[][] outTuples = new int[nUsed][];
        double[][] outCoeff = new double[kept.size()][nUsed];
        int j = 0;
        for (int s = 0; s < ns; s++) {
            if (used[s]) {
                outTuples[j] = tuples.get(s);
                for (int i = 0; i < kept.size(); i++) {
                    outCoeff[i][j] = coeff[i][s];
                }
                j++;
            }
        }
        return new Coupling(l.clone(), group.clone(), outTuples, outCoeff,
            keptPath.stream().mapToInt(Integer::intValue).toArray(), raw.length);
    }

    private static void checkL(int l) {
        if (l < 0 || l > MAX_L) {
            throw new IllegalArgumentException("degree l must be in 0.." + MAX_L + ", got " + l);
        }
    }

    /**
     * Independent invariant couplings of a product with identical factors, from
     * {@link #symmetrisedInvariants}: B_i = Σ_s coefficients[i][s] Π_t A_{t, mTuples[s][t]}.
     *
     * @param l            degrees of the factors
     * @param group        equality classes of the factors
     * @param mTuples      canonical m-tuples used by any coupling (m ascending within a group)
     * @param coefficients count × mTuples.length coefficients (zeros where a tuple is unused)
     * @param paths        for each coupling, the index of the coupling path of {@link #invariants} it came from
     * @param pathCount    number of coupling paths before the reduction
     */
    public record Coupling(int[] l, int[] group, int[][] mTuples, double[][] coefficients, int[] paths, int pathCount) {
        /** Copies the arrays, so the record is immutable. */
        public Coupling {
            l = l.clone();
            group = group.clone();
            mTuples = deepCopy(mTuples);
            coefficients = deepCopy(coefficients);
            paths = paths.clone();
        }

        /**
         * Number of independent couplings.
         *
         * @return number of independent couplings
         */
        public int count() {
            return coefficients.length;
        }

        /**
         * Degrees of the factors (a copy).
         *
         * @return degrees of the factors (a copy)
         */
        @Override
        public int[] l() {
            return l.clone();
        }

        /**
         * Equality classes of the factors (a copy).
         *
         * @return equality classes of the factors (a copy)
         */
        @Override
        public int[] group() {
            return group.clone();
        }

        /**
         * Canonical m-tuples (a copy).
         *
         * @return canonical m-tuples (a copy)
         */
        @Override
        public int[][] mTuples() {
            return deepCopy(mTuples);
        }

        /**
         * Coefficients, count × tuples (a copy).
         *
         * @return coefficients, count × tuples (a copy)
         */
        @Override
        public double[][] coefficients() {
            return deepCopy(coefficients);
        }

        /**
         * Source path per coupling (a copy).
         *
         * @return source path per coupling (a copy)
         */
        @Override
        public int[] paths() {
            return paths.clone();
        }

        /** Value equality over all components (arrays by content). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Coupling c && pathCount == c.pathCount && Arrays.equals(l, c.l) && Arrays.equals(group, c.group)
                && Arrays.deepEquals(mTuples, c.mTuples) && Arrays.deepEquals(coefficients, c.coefficients) && Arrays.equals(paths, c.paths);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(l) * 31 + Arrays.hashCode(group);
        }

        @Override
        public String toString() {
            return "Coupling[l " + Arrays.toString(l) + ", groups " + Arrays.toString(group) + ", " + coefficients.length + " of "
                + pathCount + " paths, " + mTuples.length + " m-tuples]";
        }

        private static int[][] deepCopy(int[][] a) {
            int[][] out = new int[a.length][];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i].clone();
            }
            return out;
        }

        private static double[][] deepCopy(double[][] a) {
            double[][] out = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i].clone();
            }
            return out;
        }
    }
}
