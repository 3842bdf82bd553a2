package org.atomstack.model.linear.internal;

/**
 * Streaming QR (TSQR) kernel: absorbs a block of rows X into an upper-triangular factor R so
 * that afterwards R'ᵀR' = RᵀR + XᵀX, i.e. [R; X] = Q [R'; 0] with Q orthogonal.
 *
 * <p>Algorithm: Householder QR of the stacked matrix, exploiting that R is already triangular:
 * the reflector of column j acts on row j of R and the rows of X only (LAPACK {@code dlarfg}
 * convention: β = −sign(α)·‖(α, x)‖, τ = (β − α)/β, v = x/(α − β)). Columns are processed in
 * panels of {@link #PANEL}: the reflectors of a panel are formed serially, then applied to every
 * trailing column, the trailing columns split into 2·threads contiguous runs across workers. Each column sees exactly the same sequence
 * of operations whichever worker handles it, so the result is bitwise independent of the thread
 * count. Cost ≈ 2·rows·m² flops per block (about twice a symmetric rank-k update).
 *
 * <p>Storage: R is m×m row-major (entries below the diagonal are ignored and left untouched);
 * X is column-major: column c occupies {@code x[c·stride .. c·stride + rows)}. X is overwritten
 * by the reflectors.
 */
final class Householder {
    /** Columns per panel. */
    static final int PANEL = 32;

    private Householder() {
    }

    /**
     * Absorbs {@code rows} rows into R (see the class description).
     *
     * @param r       m×m upper-triangular factor, row-major, updated in place
     * @param m       order of R (columns of X)
     * @param x       the rows, column-major with the given stride; destroyed
     * @param stride  distance between columns of x, ≥ rows
     * @param rows    number of rows to absorb
     * @param workers workers for the trailing update, or null to run serially
     */
    static void absorb(double[] r, int m, double[] x, int stride, int rows, Workers workers) {
        if (rows == 0) {
            return;
        }
        double[] tau = new double[PANEL];
        for (int j0 = 0; j0 < m; j0 += PANEL) {
            int j1 = Math.min(j0 + PANEL, m);
            for (int j = j0; j < j1; j++) {
                tau[j - j0] = reflector(r, m, x, stride, rows, j);
                for (int k = j + 1; k < j1; k++) {
                    apply(r, m, x, stride, rows, j, tau[j - j0], k);
                }
            }
            int trailing = m - j1;
            if (trailing <= 0) {
                continue;
            }
            int from = j1;
            int first = j0;
            int last = j1;
            if (workers == null || workers.threads() == 1 || (long) trailing * rows * (last - first) < 1L << 16) {
                applyPanel(r, m, x, stride, rows, tau, first, last, from, m);
            } else {
                // one contiguous run of columns (a multiple of 4 wide) per task
                int tasks = Math.min(2 * workers.threads(), (trailing + 3) / 4);
                int quads = (trailing + 3) / 4;
                workers.forEach(tasks, t -> {
                    int k0 = from + 4 * (int) ((long) quads * t / tasks);
                    int k1 = Math.min(m, from + 4 * (int) ((long) quads * (t + 1) / tasks));
                    applyPanel(r, m, x, stride, rows, tau, first, last, k0, k1);
                });
            }
        }
    }

    /** Forms the reflector of column j; stores v in x's column j and β in R[j][j]; returns τ. */
    private static double reflector(double[] r, int m, double[] x, int stride, int rows, int j) {
        int xj = j * stride;
        double norm2 = 0;
        for (int i = 0; i < rows; i++) {
            double v = x[xj + i];
            norm2 += v * v;
        }
        if (norm2 == 0) {
            return 0;
        }
        double alpha = r[j * m + j];
        double sigma = Math.hypot(alpha, Math.sqrt(norm2));
        double beta = alpha >= 0 ? -sigma : sigma;
        double tau = (beta - alpha) / beta;
        double scale = 1 / (alpha - beta);
        for (int i = 0; i < rows; i++) {
            x[xj + i] *= scale;
        }
        r[j * m + j] = beta;
        return tau;
    }

    /** Applies reflector j (τ, v in x's column j) to column k of [R; X]. */
    private static void apply(double[] r, int m, double[] x, int stride, int rows, int j, double tau, int k) {
        if (tau == 0) {
            return;
        }
        int xj = j * stride;
        int xk = k * stride;
        double s = r[j * m + k];
        for (int i = 0; i < rows; i++) {
            s += x[xj + i] * x[xk + i];
        }
        s *= tau;
        r[j * m + k] -= s;
        for (int i = 0; i < rows; i++) {
            x[xk + i] -= s * x[xj + i];
        }
    }

    /**
     * Applies the reflectors of panel [first, last) to columns [k0, k1), four columns at a time
     * (shared loads of v); per column the operations are those of {@link #apply}, in order.
     */
    private static void applyPanel(double[] r, int m, double[] x, int stride, int rows, double[] tau,
                                   int first, int last, int k0, int k1) {
        int k = k0;
        for (; k + 4 <= k1; k += 4) {
            int a = k * stride;
            int b = a + stride;
            int c = b + stride;
            int d = c + stride;
            for (int j = first; j < last; j++) {
                double t = tau[j - first];
                if (t == 0) {
                    continue;
                }
                int xj = j * stride;
                int rj = j * m + k;
                double s0 = r[rj];
                double s1 = r[rj + 1];
                double s2 = r[rj + 2];
                double s3 = r[rj + 3];
                for (int i = 0; i < rows; i++) {
                    double v = x[xj + i];
                    s0 += v * x[a + i];
                    s1 += v * x[b + i];
                    s2 += v * x[c + i];
                    s3 += v * x[d + i];
                }
                s0 *= t;
                s1 *= t;
                s2 *= t;
                s3 *= t;
                r[rj] -= s0;
                r[rj + 1] -= s1;
                r[rj + 2] -= s2;
                r[rj + 3] -= s3;
                for (int i = 0; i < rows; i++) {
                    double v = x[xj + i];
                    x[a + i] -= s0 * v;
                    x[b + i] -= s1 * v;
                    x[c + i] -= s2 * v;
                    x[d + i] -= s3 * v;
                }
            }
        }
        for (; k < k1; k++) {
            for (int j = first; j < last; j++) {
                apply(r, m, x, stride, rows, j, tau[j - first], k);
            }
        }
    }
}
