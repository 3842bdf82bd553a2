package org.atomstack.model.linear.internal;

import java.util.Arrays;

/**
 * Radial functions of the optional pair term E_pair = ½ Σ_{i≠j} Σ_n c_n^{z_i z_j} f_n(r_ij),
 * with one coefficient set per unordered species pair (c^{ab} = c^{ba}).
 *
 * <p>f_n(r) = T_n(x) · (1 − r/r_c)² for r &lt; r_c and 0 beyond, where x = 2r/r_c − 1 ∈ [−1, 1]
 * and T_n is the Chebyshev polynomial of the first kind, n = 0..size−1. The quadratic envelope
 * makes value and first derivative vanish at the cutoff (C¹), as descriptors must; Chebyshev
 * polynomials keep the columns of the design matrix far better conditioned than monomials in
 * (1 − r/r_c). Units: r and r_c in Å, f_n dimensionless, coefficients in eV. The smoothness
 * prior of f_n is γ = (1 + n)², the one-factor case of γ(k) = Σ_t (1 + d_t)². Immutable.
 */
final class PairBasis {
    private final double cutoff;
    private final int size;
    private final int[] species;

    /**
     * @param cutoff  r_c in Å, finite and &gt; 0
     * @param size    number of radial functions per species pair, at least 1
     * @param species atomic numbers, ascending and distinct
     */
    PairBasis(double cutoff, int size, int[] species) {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new IllegalArgumentException("pair cutoff must be finite and > 0, got " + cutoff);
        }
        if (size < 1) {
            throw new IllegalArgumentException("pair basis size must be >= 1, got " + size);
        }
        this.cutoff = cutoff;
        this.size = size;
        this.species = species.clone();
    }

    /** r_c in Å. */
    double cutoff() {
        return cutoff;
    }

    /** Radial functions per species pair. */
    int size() {
        return size;
    }

    /** Atomic numbers, ascending (a copy). */
    int[] species() {
        return species.clone();
    }

    /** Number of unordered species pairs, S(S+1)/2. */
    int pairs() {
        return species.length * (species.length + 1) / 2;
    }

    /** Number of coefficients: pairs() · size(). */
    int columns() {
        return pairs() * size;
    }

    /**
     * Index of the unordered pair of species indices (a, b) (positions in {@link #species()}),
     * enumerating (0,0), (0,1), …, (0,S−1), (1,1), … .
     */
    int pairIndex(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        int s = species.length;
        return lo * s - lo * (lo - 1) / 2 + (hi - lo);
    }

    /** Position of atomic number {@code z} in {@link #species()}, or a negative number. */
    int speciesIndex(int z) {
        return Arrays.binarySearch(species, z);
    }

    /** Smoothness prior γ_n = (1 + n)² of radial function n. */
    double smoothness(int n) {
        return (1.0 + n) * (1.0 + n);
    }

    /**
     * Evaluates f_n(r) and df_n/dr for n = 0..size−1 into {@code f} and {@code df}; both are
     * zero for r ≥ r_c.
     *
     * @return whether r &lt; r_c (false: outputs zeroed)
     */
    boolean evaluate(double r, double[] f, double[] df) {
        if (r >= cutoff) {
            Arrays.fill(f, 0, size, 0.0);
            Arrays.fill(df, 0, size, 0.0);
            return false;
        }
        double u = 1 - r / cutoff;
        double env = u * u;
        double dEnv = -2 * u / cutoff;
        double x = 2 * r / cutoff - 1;
        double dx = 2 / cutoff;
        double tPrev = 1;
        double dtPrev = 0;
        double t = x;
        double dt = 1;
        for (int n = 0; n < size; n++) {
            double tn;
            double dtn;
            if (n == 0) {
                tn = 1;
                dtn = 0;
            } else if (n == 1) {
                tn = x;
                dtn = 1;
            } else {
                tn = 2 * x * t - tPrev;
                dtn = 2 * t + 2 * x * dt - dtPrev;
                tPrev = t;
                dtPrev = dt;
                t = tn;
                dt = dtn;
            }
            f[n] = tn * env;
            df[n] = dtn * dx * env + tn * dEnv;
        }
        return true;
    }
}
