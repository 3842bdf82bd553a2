package org.atomstack.model.linear.internal;

import org.atomstack.api.descriptor.Regularizer;

/**
 * The change of coefficients c = S̃ c′ that turns a non-diagonal Tikhonov operator into the
 * identity: S̃ = diag(S, I) with S = Γ⁻¹ of a descriptor's {@link Regularizer} on the leading
 * (descriptor) columns and the identity on the trailing (pair) columns. A problem
 * min ‖A c − y‖² + λ‖D Γ c‖² over c is min ‖(A S̃) c′ − y‖² + λ‖D c′‖² over c′, so the diagonal
 * solvers apply unchanged to the transformed system. Immutable.
 */
final class CoordinateChange {
    private final int n;
    private final int lead;
    private final int[] start;
    private final int[] cols;
    private final double[] vals;

    /**
     * @param regularizer S on the first regularizer.size() columns
     * @param columns     total columns n ≥ regularizer.size()
     */
    CoordinateChange(Regularizer regularizer, int columns) {
        if (columns < regularizer.size()) {
            throw new IllegalArgumentException("regularizer of size " + regularizer.size() + " for " + columns + " columns");
        }
        this.n = columns;
        this.lead = regularizer.size();
        this.start = regularizer.rowStart();
        this.cols = regularizer.columns();
        this.vals = regularizer.values();
    }

    /** Number of columns n. */
    int columns() {
        return n;
    }

    /** c = S̃ c′. */
    double[] apply(double[] cPrime) {
        double[] c = cPrime.clone();
        for (int i = 0; i < lead; i++) {
            double s = 0;
            for (int p = start[i]; p < start[i + 1]; p++) {
                s += vals[p] * cPrime[cols[p]];
            }
            c[i] = s;
        }
        return c;
    }

    /** S̃ᵀ b. */
    double[] applyTransposed(double[] b) {
        double[] out = b.clone();
        java.util.Arrays.fill(out, 0, lead, 0);
        for (int i = 0; i < lead; i++) {
            double bi = b[i];
            for (int p = start[i]; p < start[i + 1]; p++) {
                out[cols[p]] += vals[p] * bi;
            }
        }
        return out;
    }

    /** M S̃ for a dense n×n row-major M (rows × S̃). */
    double[] rightMultiply(double[] m) {
        double[] out = new double[n * n];
        for (int r = 0; r < n; r++) {
            int row = r * n;
            for (int j = 0; j < lead; j++) {
                double mj = m[row + j];
                if (mj == 0) {
                    continue;
                }
                for (int p = start[j]; p < start[j + 1]; p++) {
                    out[row + cols[p]] += mj * vals[p];
                }
            }
            System.arraycopy(m, row + lead, out, row + lead, n - lead);
        }
        return out;
    }

    /** S̃ᵀ M for a dense n×n row-major M. */
    double[] leftMultiplyTransposed(double[] m) {
        double[] out = new double[n * n];
        for (int j = 0; j < lead; j++) {
            for (int p = start[j]; p < start[j + 1]; p++) {
                double v = vals[p];
                int dst = cols[p] * n;
                int src = j * n;
                for (int c = 0; c < n; c++) {
                    out[dst + c] += v * m[src + c];
                }
            }
        }
        System.arraycopy(m, lead * n, out, lead * n, (n - lead) * n);
        return out;
    }
}
