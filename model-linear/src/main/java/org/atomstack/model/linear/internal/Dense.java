package org.atomstack.model.linear.internal;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/** Small dense helpers around Hipparchus for the solvers (row-major double[] storage). */
final class Dense {
    /** Unit round-off of double precision, 2⁻⁵². */
    static final double EPS = Math.ulp(1.0);

    private Dense() {
    }

    /** 1/γ_k element-wise. */
    static double[] reciprocal(double[] gamma) {
        double[] d = new double[gamma.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1 / gamma[i];
        }
        return d;
    }

    /** An n×n row-major array as a Hipparchus matrix (copied). */
    static RealMatrix matrix(double[] a, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * cols, m[i], 0, cols);
        }
        return new Array2DRowRealMatrix(m, false);
    }

    /**
     * Pseudo-inverse of a symmetric positive semi-definite matrix by eigen-decomposition,
     * dropping eigenvalues ≤ tol·λ_max.
     *
     * @param a   k×k symmetric
     * @param tol relative eigenvalue threshold
     * @param out k×k, receives the pseudo-inverse
     * @return the numerical rank
     */
    static int pseudoInverseSymmetric(double[][] a, double tol, double[][] out) {
        int k = a.length;
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(a, true));
        double[] lambda = eigen.getEigenvalues();
        RealMatrix v = eigen.getV();
        double max = 0;
        for (double l : lambda) {
            max = Math.max(max, l);
        }
        int rank = 0;
        for (double[] row : out) {
            java.util.Arrays.fill(row, 0);
        }
        for (int e = 0; e < k; e++) {
            if (max > 0 && lambda[e] > tol * max) {
                rank++;
                double inv = 1 / lambda[e];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        out[i][j] += v.getEntry(i, e) * inv * v.getEntry(j, e);
                    }
                }
            }
        }
        return rank;
    }

    /**
     * Minimum-norm least-squares solve with a small general matrix by SVD, dropping singular
     * values ≤ tol·s_max.
     */
    static final class PseudoInverse {
        private final RealMatrix u;
        private final RealMatrix v;
        private final double[] s;
        private final int rank;

        /**
         * @param a   rows × cols matrix
         * @param tol relative singular-value threshold
         */
        PseudoInverse(RealMatrix a, double tol) {
            SingularValueDecomposition svd = new SingularValueDecomposition(a);
            this.u = svd.getU();
            this.v = svd.getV();
            this.s = svd.getSingularValues();
            double max = s.length == 0 ? 0 : s[0];
            int r = 0;
            for (double value : s) {
                if (max > 0 && value > tol * max) {
                    r++;
                }
            }
            this.rank = r;
        }

        /** The numerical rank. */
        int rank() {
            return rank;
        }

        /** The first {@code rank} left singular vectors as columns (rows × rank). */
        RealMatrix range() {
            return u.getSubMatrix(0, u.getRowDimension() - 1, 0, Math.max(rank, 1) - 1);
        }

        /** x = V S⁺ Uᵀ b. */
        double[] solve(double[] b) {
            int cols = v.getRowDimension();
            double[] x = new double[cols];
            for (int e = 0; e < rank; e++) {
                double ub = 0;
                for (int i = 0; i < b.length; i++) {
                    ub += u.getEntry(i, e) * b[i];
                }
                double w = ub / s[e];
                for (int j = 0; j < cols; j++) {
                    x[j] += v.getEntry(j, e) * w;
                }
            }
            return x;
        }
    }

    /**
     * Solves R x = z for upper-triangular R (n×n row-major) by back substitution.
     *
     * @return x, or null if a diagonal entry is zero
     */
    static double[] backSubstitute(double[] r, int n, double[] z) {
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int j = i + 1; j < n; j++) {
                s -= r[i * n + j] * x[j];
            }
            double diag = r[i * n + i];
            if (diag == 0) {
                return null;
            }
            x[i] = s / diag;
        }
        return x;
    }
}
