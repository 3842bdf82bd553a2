package org.atomstack.model.linear.internal;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The normal-equations form of a weighted least-squares problem: G = AᵀWA (n×n, symmetric,
 * row-major, both triangles), b = AᵀWy and yᵀWy. Cheapest to accumulate and to solve, but the
 * condition number of G is κ(A)²: information in singular values below about √ε·s_max
 * (≈ 1.5e-8 relative) is lost. Ridge solves use Jacobi (column) scaling before Cholesky, so
 * only the intrinsic conditioning of the problem matters, not the units of the features.
 * Arrays are not copied; immutable after construction.
 */
final class NormalEquations implements LinearSystem {
    /** Relative eigenvalue threshold of the pseudo-inverse used to eliminate columns. */
    static final double ELIMINATION_TOLERANCE = 1e-12;

    private final int n;
    private final double[] gram;
    private final double[] rhs;
    private final double yy;
    private final long observations;
    private final double logWeights;

    /**
     * @param n            columns
     * @param gram         n×n AᵀWA, row-major, symmetric
     * @param rhs          n AᵀWy
     * @param yy           yᵀWy
     * @param observations number of weighted rows
     * @param logWeights   Σ ln w_r²
     */
    NormalEquations(int n, double[] gram, double[] rhs, double yy, long observations, double logWeights) {
        this.n = n;
        this.gram = gram;
        this.rhs = rhs;
        this.yy = yy;
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
        return SystemForm.NORMAL;
    }

    /** G_ij. */
    double gram(int i, int j) {
        return gram[i * n + j];
    }

    /** b_i. */
    double rhs(int i) {
        return rhs[i];
    }

    /** yᵀWy. */
    double yy() {
        return yy;
    }

    /**
     * Schur complement: with P = G_uu⁺ (eigenvalues below {@link #ELIMINATION_TOLERANCE}·λ_max
     * dropped), G' = G_ff − G_fu P G_uf, b' = b_f − G_fu P b_u, y'y' = yᵀWy − b_uᵀ P b_u, and
     * c_u = P (b_u − G_uf c_f).
     */
    @Override
    public Elimination eliminate(int leading) {
        int k = leading;
        int m = n - k;
        if (k == 0) {
            return new Elimination(this, 0, 0, cf -> new double[0]);
        }
        double[][] guu = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                guu[i][j] = gram[i * n + j];
            }
        }
        double[][] pinv = new double[k][k];
        int rank = Dense.pseudoInverseSymmetric(guu, ELIMINATION_TOLERANCE, pinv);
        // H = P G_uf (k × m)
        double[] h = new double[k * m];
        for (int a = 0; a < k; a++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += pinv[a][c] * gram[c * n + k + j];
                }
                h[a * m + j] = s;
            }
        }
        double[] g2 = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double s = gram[(k + i) * n + k + j];
                for (int a = 0; a < k; a++) {
                    s -= gram[a * n + k + i] * h[a * m + j];
                }
                g2[i * m + j] = s;
                g2[j * m + i] = s;
            }
        }
        double[] pb = new double[k];
        for (int a = 0; a < k; a++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += pinv[a][c] * rhs[c];
            }
            pb[a] = s;
        }
        double[] b2 = new double[m];
        for (int j = 0; j < m; j++) {
            double s = rhs[k + j];
            for (int a = 0; a < k; a++) {
                s -= h[a * m + j] * rhs[a];
            }
            b2[j] = s;
        }
        double yy2 = yy;
        for (int a = 0; a < k; a++) {
            yy2 -= rhs[a] * pb[a];
        }
        NormalEquations reduced = new NormalEquations(m, g2, b2, Math.max(yy2, 0), observations - rank, logWeights);
        return new Elimination(reduced, rank, k, cf -> {
            double[] t = new double[k];
            for (int a = 0; a < k; a++) {
                double s = rhs[a];
                for (int j = 0; j < m; j++) {
                    s -= gram[a * n + k + j] * cf[j];
                }
                t[a] = s;
            }
            double[] cu = new double[k];
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += pinv[a][c] * t[c];
                }
                cu[a] = s;
            }
            return cu;
        });
    }

    /** Γ⁻¹GΓ⁻¹ as a Hipparchus matrix, entry (i, j) = G_ij · (d_i d_j), d = 1/γ (exactly symmetric). */
    private RealMatrix scaledGram(double[] d) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = gram[i * n + j] * (d[i] * d[j]);
            }
        }
        return new Array2DRowRealMatrix(a, false);
    }

    /**
     * Eigen-decomposition Γ⁻¹GΓ⁻¹ = V diag(λ) Vᵀ (Hipparchus' symmetric QL; its SVD when that
     * does not converge): s_i = √λ_i, with eigenvalues below
     * n·ε·λ_max (rounding noise) taken as zero; p_i = v_iᵀΓ⁻¹b / s_i; ρ0 = yᵀWy − Σ p_i²
     * (clamped at 0; it carries the cancellation error of the normal equations).
     */
    @Override
    public Spectrum spectrum(double[] gamma) {
        double[] d = Dense.reciprocal(gamma);
        if (n == 0) {
            return new Spectrum(0, new double[0], new double[0], new double[0], yy);
        }
        RealMatrix scaled = scaledGram(d);
        double[] lambda;
        RealMatrix vm;
        try {
            EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(scaled);
            lambda = eigen.getEigenvalues();
            vm = eigen.getV();
        } catch (MathIllegalStateException notConverged) {
            // Hipparchus' implicit QL iteration can fail to converge on benign PSD Gram matrices
            // (seen with canonical ACE features); the SVD of a symmetric PSD matrix is its
            // eigen-decomposition (singular values = eigenvalues; the sign of rounding-level
            // eigenvalues is lost, and those fall below the floor anyway).
            SingularValueDecomposition svd = new SingularValueDecomposition(scaled);
            lambda = svd.getSingularValues();
            vm = svd.getV();
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i * n + j] = vm.getEntry(i, j);
            }
        }
        double max = 0;
        for (double l : lambda) {
            max = Math.max(max, l);
        }
        double floor = n * Dense.EPS * max;
        double[] db = new double[n];
        for (int i = 0; i < n; i++) {
            db[i] = d[i] * rhs[i];
        }
        double[] s = new double[n];
        double[] p = new double[n];
        double fitted = 0;
        for (int j = 0; j < n; j++) {
            if (lambda[j] > floor) {
                s[j] = Math.sqrt(lambda[j]);
                double q = 0;
                for (int i = 0; i < n; i++) {
                    q += v[i * n + j] * db[i];
                }
                p[j] = q / s[j];
                fitted += p[j] * p[j];
            }
        }
        return new Spectrum(n, s, v, p, Math.max(0, yy - fitted));
    }

    /**
     * Solves (Γ⁻¹GΓ⁻¹ + λI) c' = Γ⁻¹b by Cholesky after Jacobi scaling
     * (t_i = 1/√(diag_i), factor T(…)T), then c = Γ⁻¹c'.
     */
    @Override
    public double[] ridge(double lambda, double[] gamma) {
        double[] d = Dense.reciprocal(gamma);
        if (n == 0) {
            return new double[0];
        }
        double[][] a = new double[n][n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double diag = gram[i * n + i] * (d[i] * d[i]) + lambda;
            t[i] = diag > 0 ? 1 / Math.sqrt(diag) : 1;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = gram[i * n + j] * (d[i] * d[j]);
                if (i == j) {
                    v += lambda;
                }
                a[i][j] = v * (t[i] * t[j]);
            }
        }
        double[] rhsScaled = new double[n];
        for (int i = 0; i < n; i++) {
            rhsScaled[i] = t[i] * d[i] * rhs[i];
        }
        double[] x;
        try {
            CholeskyDecomposition chol = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-10, 1e-14);
            x = chol.getSolver().solve(new ArrayRealVector(rhsScaled, false)).toArray();
        } catch (MathIllegalArgumentException e) {
            throw new IllegalStateException("ridge: the regularised normal matrix (λ = " + lambda
                + ") is not numerically positive definite: the design is rank-deficient or too ill-conditioned"
                + " for λ; raise lambda or use solver tsvd, rrqr or blr", e);
        }
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = d[i] * t[i] * x[i];
        }
        return c;
    }

    /** F = diag(s)Vᵀ from the {@link #spectrum}, z = p. */
    @Override
    public SquareRoot squareRoot(double[] gamma) {
        Spectrum sp = spectrum(gamma);
        double[] f = new double[n * n];
        double[] z = new double[n];
        double[] v = sp.rightVectors();
        for (int i = 0; i < n; i++) {
            double s = sp.singularValue(i);
            for (int j = 0; j < n; j++) {
                f[i * n + j] = s * v[j * n + i];
            }
            z[i] = sp.projection(i);
        }
        return new SquareRoot(n, f, z, sp.rho0());
    }

    @Override
    public LinearSystem transformed(CoordinateChange change) {
        if (change.columns() != n) {
            throw new IllegalArgumentException("coordinate change for " + change.columns() + " columns, system has " + n);
        }
        double[] g = change.leftMultiplyTransposed(change.rightMultiply(gram));
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (g[i * n + j] + g[j * n + i]);
                g[i * n + j] = v;
                g[j * n + i] = v;
            }
        }
        return new NormalEquations(n, g, change.applyTransposed(rhs), yy, observations, logWeights);
    }

    /** yᵀWy − 2cᵀb + cᵀGc, clamped at 0. */
    @Override
    public double residual(double[] c) {
        double r = yy;
        for (int i = 0; i < n; i++) {
            double gc = 0;
            for (int j = 0; j < n; j++) {
                gc += gram[i * n + j] * c[j];
            }
            r += c[i] * (gc - 2 * rhs[i]);
        }
        return Math.max(r, 0);
    }
}
