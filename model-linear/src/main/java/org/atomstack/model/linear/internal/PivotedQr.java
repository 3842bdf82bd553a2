package org.atomstack.model.linear.internal;

/**
 * Householder QR with column pivoting (Businger–Golub), truncated at a relative tolerance:
 * at step k the remaining column with the largest norm below row k is swapped in, so
 * |R_00| ≥ |R_11| ≥ …, and the factorisation stops at the first k with
 * |R_kk| ≤ rtol·|R_00| (the numerical rank). The reflectors are applied to the right-hand side
 * on the fly; Q is never formed. Trailing column norms are recomputed at every step (no
 * downdating), O(n³) in all.
 *
 * <p>Hipparchus' {@code RRQRDecomposition} is not used because it pivots on the norms of whole
 * columns (rows above the current step included), which Householder reflections preserve, so
 * its pivot order is just the order of the original column norms and |R_kk| is not monotone.
 */
final class PivotedQr {
    private final int rank;
    private final double[] solution;

    /**
     * Factorises F (n×n, row-major) and computes the basic solution of min ‖Fx − z‖: the
     * {@code rank} pivoted columns solve R_{1:k,1:k} x_P = (Qᵀz)_{1:k}; the others are zero.
     *
     * @param f    the matrix (not modified)
     * @param n    its order
     * @param z    right-hand side (not modified)
     * @param rtol relative pivot tolerance in [0, 1)
     */
    PivotedQr(double[] f, int n, double[] z, double rtol) {
        // column-major working copy
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[j * n + i] = f[i * n + j];
            }
        }
        double[] b = z.clone();
        int[] perm = new int[n];
        for (int j = 0; j < n; j++) {
            perm[j] = j;
        }
        double[] diag = new double[n];
        double first = 0;
        int k = 0;
        for (; k < n; k++) {
            int pivot = -1;
            double best = -1;
            for (int j = k; j < n; j++) {
                double s = 0;
                for (int i = k; i < n; i++) {
                    double v = a[j * n + i];
                    s += v * v;
                }
                if (s > best) {
                    best = s;
                    pivot = j;
                }
            }
            double norm = Math.sqrt(best);
            if (k == 0) {
                first = norm;
            }
            if (norm == 0 || norm <= rtol * first) {
                break;
            }
            if (pivot != k) {
                for (int i = 0; i < n; i++) {
                    double t = a[k * n + i];
                    a[k * n + i] = a[pivot * n + i];
                    a[pivot * n + i] = t;
                }
                int t = perm[k];
                perm[k] = perm[pivot];
                perm[pivot] = t;
            }
            int ck = k * n;
            double alpha = a[ck + k];
            double beta = alpha >= 0 ? -norm : norm;
            double scale = alpha - beta;
            // v = [1; a[k+1..n)/(α − β)], τ = (β − α)/β
            for (int i = k + 1; i < n; i++) {
                a[ck + i] /= scale;
            }
            double tau = (beta - alpha) / beta;
            for (int j = k + 1; j < n; j++) {
                int cj = j * n;
                double s = a[cj + k];
                for (int i = k + 1; i < n; i++) {
                    s += a[ck + i] * a[cj + i];
                }
                s *= tau;
                a[cj + k] -= s;
                for (int i = k + 1; i < n; i++) {
                    a[cj + i] -= s * a[ck + i];
                }
            }
            double s = b[k];
            for (int i = k + 1; i < n; i++) {
                s += a[ck + i] * b[i];
            }
            s *= tau;
            b[k] -= s;
            for (int i = k + 1; i < n; i++) {
                b[i] -= s * a[ck + i];
            }
            diag[k] = beta;
        }
        this.rank = k;
        double[] x = new double[rank];
        for (int i = rank - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < rank; j++) {
                s -= a[j * n + i] * x[j];
            }
            x[i] = s / diag[i];
        }
        this.solution = new double[n];
        for (int j = 0; j < rank; j++) {
            solution[perm[j]] = x[j];
        }
    }

    /** The numerical rank k. */
    int rank() {
        return rank;
    }

    /** The basic solution (a copy): non-zero only in the k pivoted columns. */
    double[] solution() {
        return solution.clone();
    }
}
