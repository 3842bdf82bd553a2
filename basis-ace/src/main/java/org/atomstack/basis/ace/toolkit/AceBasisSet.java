package org.atomstack.basis.ace.toolkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.atomstack.api.structure.Elements;

/**
 * An enumerated ACE basis for one centre: the one-particle functions (z, n, l) and the
 * invariant basis functions
 * <pre>
 *   B_k = Σ_s C_ks Π_{t=1..ν} A_{z_t n_t l_t m_{s,t}},   A_{z n l m} = Σ_{j: z_j = z} R_n(r_ij) Y_lm(r̂_ij),
 * </pre>
 * with sparse coefficients C over canonical m-tuples s (see
 * {@link ClebschGordan#symmetrisedInvariants}). Built by {@link AceBasisSpec#build()}; the
 * order of {@link #functions()} is the basis order. Immutable.
 */
public final class AceBasisSet {
    private final AceBasisSpec spec;
    private final List<OneParticle> oneParticles;
    private final List<Function> functions;

    AceBasisSet(AceBasisSpec spec, List<OneParticle> oneParticles, List<Function> functions) {
        this.spec = spec;
        this.oneParticles = List.copyOf(oneParticles);
        this.functions = Collections.unmodifiableList(new ArrayList<>(functions));
    }

    /**
     * The specification this basis was built from.
     *
     * @return the specification this basis was built from
     */
    public AceBasisSpec spec() {
        return spec;
    }

    /**
     * Number of basis functions.
     *
     * @return number of basis functions
     */
    public int size() {
        return functions.size();
    }

    /**
     * The one-particle functions, ordered by degree, species index, n, l (unmodifiable).
     *
     * @return the one-particle functions, ordered by degree, species index, n, l (unmodifiable)
     */
    public List<OneParticle> oneParticles() {
        return oneParticles;
    }

    /**
     * The basis functions in basis order (unmodifiable).
     *
     * @return the basis functions in basis order (unmodifiable)
     */
    public List<Function> functions() {
        return functions;
    }

    /**
     * Basis function k.
     *
     * @param k function index, 0..size()−1
     * @return basis function k
     */
    public Function function(int k) {
        return functions.get(k);
    }

    /**
     * Number of functions of each order ν = 1..ν_max (index ν−1).
     *
     * @return number of functions of each order ν = 1..ν_max (index ν−1)
     */
    public int[] countByOrder() {
        int[] c = new int[spec.order()];
        for (Function f : functions) {
            c[f.order() - 1]++;
        }
        return c;
    }

    /**
     * Largest n used by any function (−1 for an empty basis).
     *
     * @return largest n used by any function (−1 for an empty basis)
     */
    public int maxN() {
        int m = -1;
        for (Function f : functions) {
            for (int k : f.factors) {
                m = Math.max(m, oneParticles.get(k).n());
            }
        }
        return m;
    }

    /**
     * Largest l used by any function (−1 for an empty basis).
     *
     * @return largest l used by any function (−1 for an empty basis)
     */
    public int maxL() {
        int m = -1;
        for (Function f : functions) {
            for (int k : f.factors) {
                m = Math.max(m, oneParticles.get(k).l());
            }
        }
        return m;
    }

    /**
     * Total degrees Σ_t (n_t + w_L l_t) of the functions.
     *
     * @return total degrees Σ_t (n_t + w_L l_t) of the functions
     */
    public double[] degrees() {
        double[] d = new double[functions.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = functions.get(k).degree();
        }
        return d;
    }

    /**
     * The smoothness prior γ(k) = Σ_t (1 + n_t + w_L·l_t)² over the factors of function k.
     *
     * @return the smoothness prior γ(k) = Σ_t (1 + n_t + w_L·l_t)² over the factors of function k
     */
    public double[] smoothnessPrior() {
        double[] g = new double[functions.size()];
        for (int k = 0; k < g.length; k++) {
            for (int op : functions.get(k).factors) {
                double d = 1 + oneParticles.get(op).degree();
                g[k] += d * d;
            }
        }
        return g;
    }

    /**
     * A short label of function k: the factors as species(n,l) and the coupling index, e.g.
     * "Mo(0,1) Mo(2,1) #0".
     *
     * @param k function index, 0..size()−1
     * @return the label
     */
    public String label(int k) {
        Function f = functions.get(k);
        StringBuilder sb = new StringBuilder();
        int[] z = spec.species();
        for (int op : f.factors) {
            OneParticle o = oneParticles.get(op);
            sb.append(Elements.symbol(z[o.species()])).append('(').append(o.n()).append(',').append(o.l()).append(") ");
        }
        return sb.append('#').append(f.coupling()).toString();
    }

    /**
     * A one-particle function R_n Y_lm restricted to neighbours of one species.
     *
     * @param species index into {@link AceBasisSpec#species()} (the neighbour channel)
     * @param n       radial index ≥ 0
     * @param l       degree ≥ 0
     * @param degree  n + w_L·l
     */
    public record OneParticle(int species, int n, int l, double degree) {
    }

    /**
     * One invariant basis function B = Σ_s coefficients[s] Π_t A_{factor t, mTuples[s][t]}.
     *
     * @param factors      ν indices into {@link #oneParticles()}, non-decreasing
     * @param coupling     which of the independent couplings of this factor tuple (0-based)
     * @param degree       total degree Σ_t (n_t + w_L l_t)
     * @param mTuples      the m-tuples with non-zero coefficient (m ascending within equal factors)
     * @param coefficients one coefficient per m-tuple
     */
    public record Function(int[] factors, int coupling, double degree, int[][] mTuples, double[] coefficients) {
        /** Copies the arrays. */
        public Function {
            factors = factors.clone();
            int[][] m = new int[mTuples.length][];
            for (int i = 0; i < m.length; i++) {
                m[i] = mTuples[i].clone();
            }
            mTuples = m;
            coefficients = coefficients.clone();
            if (coefficients.length != mTuples.length) {
                throw new IllegalArgumentException("one coefficient per m-tuple needed");
            }
        }

        /**
         * Correlation order ν.
         *
         * @return correlation order ν
         */
        public int order() {
            return factors.length;
        }

        /**
         * Number of (m-tuple, coefficient) terms.
         *
         * @return number of (m-tuple, coefficient) terms
         */
        public int terms() {
            return coefficients.length;
        }

        /**
         * The factor indices (a copy).
         *
         * @return the factor indices (a copy)
         */
        @Override
        public int[] factors() {
            return factors.clone();
        }

        /**
         * Factor index t.
         *
         * @param t factor index, 0..order()−1
         * @return factor index t
         */
        public int factor(int t) {
            return factors[t];
        }

        /**
         * The m-tuples (a copy).
         *
         * @return the m-tuples (a copy)
         */
        @Override
        public int[][] mTuples() {
            int[][] m = new int[mTuples.length][];
            for (int i = 0; i < m.length; i++) {
                m[i] = mTuples[i].clone();
            }
            return m;
        }

        /**
         * m of factor t in term s.
         *
         * @param s term index, 0..terms()−1
         * @param t factor index, 0..order()−1
         * @return m of factor t in term s
         */
        public int m(int s, int t) {
            return mTuples[s][t];
        }

        /**
         * The coefficients (a copy).
         *
         * @return the coefficients (a copy)
         */
        @Override
        public double[] coefficients() {
            return coefficients.clone();
        }

        /**
         * Coefficient of term s.
         *
         * @param s term index, 0..terms()−1
         * @return coefficient of term s
         */
        public double coefficient(int s) {
            return coefficients[s];
        }

        /** Value equality over all components (arrays by content). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Function f && coupling == f.coupling && Double.compare(degree, f.degree) == 0
                && java.util.Arrays.equals(factors, f.factors) && java.util.Arrays.deepEquals(mTuples, f.mTuples)
                && java.util.Arrays.equals(coefficients, f.coefficients);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(factors) * 31 + coupling;
        }

        @Override
        public String toString() {
            return "Function[factors " + java.util.Arrays.toString(factors) + ", coupling " + coupling + ", degree " + degree + ", "
                + coefficients.length + " terms]";
        }
    }
}
