package org.atomstack.purification.internal;

import java.util.Arrays;

/**
 * Eigenvalues of a real symmetric matrix: Householder reduction to tridiagonal form, then the
 * implicit QL iteration with Wilkinson shifts (eigenvalues only; Golub and Van Loan §8.3). O(n³)
 * with small constants; for the Gram matrices of the conditioning study. Static helper.
 */
final class SymmetricEigenvalues {
    private SymmetricEigenvalues() {
    }

    /**
     * The eigenvalues of a symmetric matrix (only the lower triangle is read), ascending.
     *
     * @param matrix n × n, row-major arrays (not modified)
     * @return n eigenvalues, ascending
     * @throws IllegalStateException when the QL iteration does not converge in 60 sweeps per eigenvalue
     */
    static double[] of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
        }
        double[] d = new double[n];
        double[] e = new double[n];
        tridiagonalise(a, d, e);
        ql(d, e);
        Arrays.sort(d);
        return d;
    }

    /** Householder reduction (tred2 without accumulating the transformation): diagonal d, sub-diagonal e[1..n−1]. */
    private static void tridiagonalise(double[][] a, double[] d, double[] e) {
        int n = a.length;
        for (int i = n - 1; i > 0; i--) {
            int l = i - 1;
            double h = 0;
            if (l > 0) {
                double scale = 0;
                for (int k = 0; k <= l; k++) {
                    scale += Math.abs(a[i][k]);
                }
                if (scale == 0) {
                    e[i] = a[i][l];
                } else {
                    for (int k = 0; k <= l; k++) {
                        a[i][k] /= scale;
                        h += a[i][k] * a[i][k];
                    }
                    double f = a[i][l];
                    double g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
                    e[i] = scale * g;
                    h -= f * g;
                    a[i][l] = f - g;
                    f = 0;
                    for (int j = 0; j <= l; j++) {
                        g = 0;
                        for (int k = 0; k <= j; k++) {
                            g += a[j][k] * a[i][k];
                        }
                        for (int k = j + 1; k <= l; k++) {
                            g += a[k][j] * a[i][k];
                        }
                        e[j] = g / h;
                        f += e[j] * a[i][j];
                    }
                    double hh = f / (h + h);
                    for (int j = 0; j <= l; j++) {
                        f = a[i][j];
                        g = e[j] - hh * f;
                        e[j] = g;
                        for (int k = 0; k <= j; k++) {
                            a[j][k] -= f * e[k] + g * a[i][k];
                        }
                    }
                }
            } else {
                e[i] = a[i][l];
            }
            d[i] = h;
        }
        for (int i = 0; i < n; i++) {
            d[i] = a[i][i];
        }
    }

    /** Implicit QL with shifts on the tridiagonal (d, e), e[i] coupling i−1 and i; eigenvalues into d. */
    private static void ql(double[] d, double[] e) {
        int n = d.length;
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        if (n > 0) {
            e[n - 1] = 0;
        }
        for (int l = 0; l < n; l++) {
            int iter = 0;
            int m;
            do {
                for (m = l; m < n - 1; m++) {
                    double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= 1e-16 * dd) {
                        break;
                    }
                }
                if (m != l) {
                    if (iter++ == 60) {
                        throw new IllegalStateException("QL iteration did not converge for eigenvalue " + l + " of " + n);
                    }
                    double g = (d[l + 1] - d[l]) / (2 * e[l]);
                    double r = Math.hypot(g, 1);
                    g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
                    double s = 1;
                    double c = 1;
                    double p = 0;
                    int i;
                    for (i = m - 1; i >= l; i--) {
                        double f = s * e[i];
                        double b = c * e[i];
                        r = Math.hypot(f, g);
                        e[i + 1] = r;
                        if (r == 0) {
                            d[i + 1] -= p;
                            e[m] = 0;
                            break;
                        }
                        s = f / r;
                        c = g / r;
                        g = d[i + 1] - p;
                        r = (d[i] - g) * s + 2 * c * b;
                        p = s * r;
                        d[i + 1] = g + p;
                        g = c * r - b;
                    }
                    if (r == 0 && i >= l) {
                        continue;
                    }
                    d[l] -= p;
                    e[l] = g;
                    e[m] = 0;
                }
            } while (m != l);
        }
    }
}
