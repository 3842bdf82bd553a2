package org.atomstack.model.linear.internal;

/**
 * The singular value decomposition of a prior-scaled weighted design A' = W^½AΓ⁻¹ in the form
 * the spectral solvers need: singular values s_i (descending), right singular vectors v_i,
 * projected targets p_i = u_iᵀW^½y and the part ρ0 of yᵀWy outside the range of A'.
 *
 * <p>Every spectral solver is a filter φ_i ∈ [0, 1] on the least-squares solution:
 * c' = Σ_i φ_i (p_i/s_i) v_i (terms with s_i = 0 dropped), with residual
 * ‖A'c' − y‖²_W = ρ0 + Σ_i (1 − φ_i)² p_i² and norm ‖c'‖² = Σ_i (φ_i p_i/s_i)². Truncated SVD
 * uses φ ∈ {0, 1}; ridge with λ uses φ_i = s_i²/(s_i² + λ). Arrays are not copied; immutable.
 */
final class Spectrum {
    private final int n;
    private final double[] s;
    private final double[] v;
    private final double[] p;
    private final double rho0;

    /**
     * @param n    number of columns
     * @param s    n singular values, descending, ≥ 0
     * @param v    n×n row-major, column i = v_i
     * @param p    n projected targets
     * @param rho0 residual outside the range, ≥ 0
     */
    Spectrum(int n, double[] s, double[] v, double[] p, double rho0) {
        this.n = n;
        this.s = s;
        this.v = v;
        this.p = p;
        this.rho0 = rho0;
    }

    /** Number of columns. */
    int size() {
        return n;
    }

    /** Singular value i (descending order). */
    double singularValue(int i) {
        return s[i];
    }

    /** Projected target p_i. */
    double projection(int i) {
        return p[i];
    }

    /** The right singular vectors, n×n row-major, column i = v_i (a view; do not modify). */
    double[] rightVectors() {
        return v;
    }

    /** The residual outside the range of A'. */
    double rho0() {
        return rho0;
    }

    /** The prior-scaled coefficients c' = Σ_i φ_i (p_i/s_i) v_i. */
    double[] coefficients(double[] filter) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = s[i] > 0 ? filter[i] * p[i] / s[i] : 0;
        }
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            int row = k * n;
            for (int i = 0; i < n; i++) {
                sum += v[row + i] * w[i];
            }
            c[k] = sum;
        }
        return c;
    }

    /** ‖A'c' − y‖²_W = ρ0 + Σ (1 − φ_i)² p_i², with φ_i taken as 0 where s_i = 0. */
    double residual(double[] filter) {
        double r = rho0;
        for (int i = 0; i < n; i++) {
            double f = s[i] > 0 ? filter[i] : 0;
            double d = (1 - f) * p[i];
            r += d * d;
        }
        return r;
    }

    /** ‖c'‖² = Σ (φ_i p_i / s_i)². */
    double norm2(double[] filter) {
        double r = 0;
        for (int i = 0; i < n; i++) {
            if (s[i] > 0) {
                double w = filter[i] * p[i] / s[i];
                r += w * w;
            }
        }
        return r;
    }
}
