package org.atomstack.model.linear.internal;

import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The factor form of a weighted least-squares problem, from streaming TSQR of W^½[A | y]:
 * R (n×n upper triangular, row-major), z = (QᵀW^½y)_{1..n} and ρ0 = ‖W^½y‖² − ‖z‖² (computed
 * stably as the square of the last diagonal entry of the augmented factor). The residual of
 * coefficients c is ‖Rc − z‖² + ρ0. Keeps the condition number of A, so truncations at
 * relative tolerances down to about 1e-14 are meaningful. Arrays are not copied; immutable.
 */
final class TriangularSystem implements LinearSystem {
    /** Relative singular-value threshold of the pseudo-inverse used to eliminate columns. */
    static final double ELIMINATION_TOLERANCE = 1e-10;

    private final int n;
    private final double[] r;
    private final double[] z;
    private final double rho0;
    private final long observations;
    private final double logWeights;

    /**
     * @param n            columns
     * @param r            n×n upper triangular, row-major (below-diagonal entries zero)
     * @param z            n projected targets
     * @param rho0         residual of the unregularised fit, ≥ 0
     * @param observations number of weighted rows
     * @param logWeights   Σ ln w_r²
     */
    TriangularSystem(int n, double[] r, double[] z, double rho0, long observations, double logWeights) {
        this.n = n;
        this.r = r;
        this.z = z;
        this.rho0 = rho0;
        this.observations = observations;
        this.logWeights = logWeights;
    }

    @Override
    public int columns() {
        return n;
    }

    @Override
    public long observations() {
        return observations;
    }

    @Override
    public double logWeights() {
        return logWeights;
    }

    @Override
    public SystemForm form() {
        return SystemForm.QR;
    }

    /** R_ij. */
    double factor(int i, int j) {
        return r[i * n + j];
    }

    /** z_i. */
    double projected(int i) {
        return z[i];
    }

    /** ρ0. */
    double rho0() {
        return rho0;
    }

    /**
     * With columns u first, rows 0..k−1 of R hold [R_uu R_uf | z_u] and the rest [0 R_ff | z_f].
     * Profiling c_u out leaves the rows P⊥[R_uf | z_u] (P⊥ projects off the range of R_uu, by
     * SVD with threshold {@link #ELIMINATION_TOLERANCE}; zero when R_uu has full rank), which are
     * absorbed into the augmented factor [R_ff z_f; 0 √ρ0] by Householder reflections.
     * Back-substitution: c_u = R_uu⁺ (z_u − R_uf c_f).
     */
    @Override
    public Elimination eliminate(int leading) {
        int k = leading;
        int m = n - k;
        if (k == 0) {
            return new Elimination(this, 0, 0, cf -> new double[0]);
        }
        double[] ruu = new double[k * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(r, i * n, ruu, i * k, k);
        }
        Dense.PseudoInverse pinv = new Dense.PseudoInverse(Dense.matrix(ruu, k, k), ELIMINATION_TOLERANCE);
        int rank = pinv.rank();
        // T = [R_uf | z_u] (k × (m+1)), projected: T − Q Qᵀ T
        double[][] t = new double[k][m + 1];
        for (int i = 0; i < k; i++) {
            System.arraycopy(r, i * n + k, t[i], 0, m);
            t[i][m] = z[i];
        }
        if (rank > 0) {
            RealMatrix q = pinv.range();
            for (int col = 0; col <= m; col++) {
                for (int e = 0; e < rank; e++) {
                    double dot = 0;
                    for (int i = 0; i < k; i++) {
                        dot += q.getEntry(i, e) * t[i][col];
                    }
                    for (int i = 0; i < k; i++) {
                        t[i][col] -= q.getEntry(i, e) * dot;
                    }
                }
            }
        }
        int order = m + 1;
        double[] aug = new double[order * order];
        for (int i = 0; i < m; i++) {
            System.arraycopy(r, (k + i) * n + k + i, aug, i * order + i, m - i);
            aug[i * order + m] = z[k + i];
        }
        aug[m * order + m] = Math.sqrt(rho0);
        double[] x = new double[order * k];
        for (int i = 0; i < k; i++) {
            for (int col = 0; col < order; col++) {
                x[col * k + i] = t[i][col];
            }
        }
        Householder.absorb(aug, order, x, k, k, null);
        double[] r2 = new double[m * m];
        double[] z2 = new double[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(aug, i * order + i, r2, i * m + i, m - i);
            z2[i] = aug[i * order + m];
        }
        double last = aug[m * order + m];
        TriangularSystem reduced = new TriangularSystem(m, r2, z2, last * last, observations - rank, logWeights);
        return new Elimination(reduced, rank, k, cf -> {
            double[] rhsU = new double[k];
            for (int i = 0; i < k; i++) {
                double s = z[i];
                for (int j = 0; j < m; j++) {
                    s -= r[i * n + k + j] * cf[j];
                }
                rhsU[i] = s;
            }
            return pinv.solve(rhsU);
        });
    }

    /** RΓ⁻¹ (column j scaled by 1/γ_j), row-major. */
    private double[] scaledFactor(double[] d) {
        double[] f = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                f[i * n + j] = r[i * n + j] * d[j];
            }
        }
        return f;
    }

    /** SVD RΓ⁻¹ = U diag(s) Vᵀ; p = Uᵀz; ρ0 as accumulated. */
    @Override
    public Spectrum spectrum(double[] gamma) {
        if (n == 0) {
            return new Spectrum(0, new double[0], new double[0], new double[0], rho0);
        }
        double[] d = Dense.reciprocal(gamma);
        SingularValueDecomposition svd = new SingularValueDecomposition(Dense.matrix(scaledFactor(d), n, n));
        double[] s = svd.getSingularValues();
        RealMatrix u = svd.getU();
        RealMatrix vm = svd.getV();
        double[] v = new double[n * n];
        double[] p = new double[n];
        for (int j = 0; j < n; j++) {
            double q = 0;
            for (int i = 0; i < n; i++) {
                v[i * n + j] = vm.getEntry(i, j);
                q += u.getEntry(i, j) * z[i];
            }
            p[j] = q;
        }
        return new Spectrum(n, s, v, p, rho0);
    }

    /**
     * Ridge by QR of the stacked problem [RΓ⁻¹; √λ I] c' ≈ [z; 0]: the n rows √λ e_kᵀ are
     * absorbed into the augmented factor by Householder reflections, then back substitution;
     * c = Γ⁻¹c'. Never forms RᵀR, so the conditioning is that of A, not A².
     */
    @Override
    public double[] ridge(double lambda, double[] gamma) {
        if (n == 0) {
            return new double[0];
        }
        double[] d = Dense.reciprocal(gamma);
        double[] f = scaledFactor(d);
        int order = n + 1;
        double[] aug = new double[order * order];
        for (int i = 0; i < n; i++) {
            System.arraycopy(f, i * n + i, aug, i * order + i, n - i);
            aug[i * order + n] = z[i];
        }
        aug[n * order + n] = Math.sqrt(rho0);
        if (lambda > 0) {
            double root = Math.sqrt(lambda);
            double[] x = new double[order * n];
            for (int i = 0; i < n; i++) {
                x[i * n + i] = root;
            }
            Householder.absorb(aug, order, x, n, n, null);
        }
        double[] rr = new double[n * n];
        double[] zz = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(aug, i * order + i, rr, i * n + i, n - i);
            zz[i] = aug[i * order + n];
        }
        double maxDiag = 0;
        double minDiag = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, Math.abs(rr[i * n + i]));
            minDiag = Math.min(minDiag, Math.abs(rr[i * n + i]));
        }
        double[] c = minDiag > n * Dense.EPS * maxDiag ? Dense.backSubstitute(rr, n, zz) : null;
        if (c == null || !allFinite(c)) {
            throw new IllegalStateException("ridge: the triangular factor (λ = " + lambda
                + ") is singular: the design is rank-deficient; raise lambda or use solver tsvd, rrqr or blr");
        }
        for (int i = 0; i < n; i++) {
            c[i] *= d[i];
        }
        return c;
    }

    /** F = RΓ⁻¹, z and ρ0 as accumulated. */
    @Override
    public SquareRoot squareRoot(double[] gamma) {
        return new SquareRoot(n, scaledFactor(Dense.reciprocal(gamma)), z.clone(), rho0);
    }

    @Override
    public LinearSystem transformed(CoordinateChange change) {
        if (change.columns() != n) {
            throw new IllegalArgumentException("coordinate change for " + change.columns() + " columns, system has " + n);
        }
        double[] rs = change.rightMultiply(r);
        int order = n + 1;
        // the n rows [R S̃ | z], column-major with stride n, absorbed into an empty factor
        double[] x = new double[n * order];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                x[j * n + i] = rs[i * n + j];
            }
            x[n * n + i] = z[i];
        }
        double[] factor = new double[order * order];
        Householder.absorb(factor, order, x, n, n, null);
        double[] r2 = new double[n * n];
        double[] z2 = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(factor, i * order + i, r2, i * n + i, n - i);
            z2[i] = factor[i * order + n];
        }
        return new TriangularSystem(n, r2, z2, rho0, observations, logWeights);
    }

    /** ‖Rc − z‖² + ρ0. */
    @Override
    public double residual(double[] c) {
        double res = rho0;
        for (int i = 0; i < n; i++) {
            double s = -z[i];
            for (int j = i; j < n; j++) {
                s += r[i * n + j] * c[j];
            }
            res += s * s;
        }
        return res;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
