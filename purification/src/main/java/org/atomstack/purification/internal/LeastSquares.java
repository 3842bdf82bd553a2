package org.atomstack.purification.internal;

/**
 * Dense least squares min_x ‖A x − b‖₂ for a fixed m × k design (m ≥ k) by Householder QR,
 * factorised once and reused for many right-hand sides (the linearisation problems of Eq. 19
 * share one design). Column-major storage. Immutable after construction.
 */
final class LeastSquares {
    private final int m;
    private final int k;
    private final double[] qr; // column-major: R above the diagonal, Householder vectors below
    private final double[] diag; // R_jj
    private final double[] beta;

    /**
     * @param a column-major m × k design (not modified)
     * @param m rows
     * @param k columns, 1 ≤ k ≤ m
     * @throws IllegalArgumentException when the design is rank-deficient (|R_jj| ≤ 1e-13·max)
     */
    LeastSquares(double[] a, int m, int k) {
        if (k < 1 || k > m || a.length != m * k) {
            throw new IllegalArgumentException("least squares needs 1 <= k <= m and m*k entries, got m " + m + ", k " + k);
        }
        this.m = m;
        this.k = k;
        this.qr = a.clone();
        this.diag = new double[k];
        this.beta = new double[k];
        double maxDiag = 0;
        for (int j = 0; j < k; j++) {
            int col = j * m;
            double norm = 0;
            for (int i = j; i < m; i++) {
                norm += qr[col + i] * qr[col + i];
            }
            norm = Math.sqrt(norm);
            double alpha = qr[col + j] > 0 ? -norm : norm;
            double v0 = qr[col + j] - alpha;
            qr[col + j] = v0;
            double vv = v0 * v0;
            for (int i = j + 1; i < m; i++) {
                vv += qr[col + i] * qr[col + i];
            }
            beta[j] = vv == 0 ? 0 : 2 / vv;
            for (int c = j + 1; c < k; c++) {
                int cc = c * m;
                double dot = 0;
                for (int i = j; i < m; i++) {
                    dot += qr[col + i] * qr[cc + i];
                }
                double f = beta[j] * dot;
                for (int i = j; i < m; i++) {
                    qr[cc + i] -= f * qr[col + i];
                }
            }
            diag[j] = alpha;
            maxDiag = Math.max(maxDiag, Math.abs(alpha));
        }
        for (int j = 0; j < k; j++) {
            if (!(Math.abs(diag[j]) > 1e-13 * maxDiag)) {
                throw new IllegalArgumentException("least-squares design is rank-deficient at column " + j + " of " + k);
            }
        }
    }

    /**
     * The least-squares solution for one right-hand side.
     *
     * @param b m values (not modified)
     * @return k coefficients
     */
    double[] solve(double[] b) {
        double[] y = b.clone();
        for (int j = 0; j < k; j++) {
            int col = j * m;
            double dot = 0;
            for (int i = j; i < m; i++) {
                dot += qr[col + i] * y[i];
            }
            double f = beta[j] * dot;
            for (int i = j; i < m; i++) {
                y[i] -= f * qr[col + i];
            }
        }
        double[] x = new double[k];
        for (int j = k - 1; j >= 0; j--) {
            double s = y[j];
            for (int c = j + 1; c < k; c++) {
                s -= qr[c * m + j] * x[c];
            }
            x[j] = s / diag[j];
        }
        return x;
    }
}
