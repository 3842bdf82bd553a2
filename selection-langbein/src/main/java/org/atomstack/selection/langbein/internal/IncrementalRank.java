package org.atomstack.selection.langbein.internal;

import java.util.Arrays;

/**
 * The numerical core of the Langbein test: an orthonormal basis Q of the rows accepted so far
 * (the candidate Jacobian of the paper), grown one row at a time.
 *
 * <p>{@link #offer} normalises the offered row g to unit length, removes its components along Q
 * by modified Gram–Schmidt, twice ("twice is enough": the second pass restores orthogonality lost
 * to cancellation in the first), and accepts the row when the norm of what is left exceeds the
 * tolerance τ. For a unit row that norm is the sine of the angle between g and span(Q), so a row
 * raises the numerical rank exactly when it is farther than τ from the span of the accepted rows,
 * independently of its own length. The accepted residual, normalised, becomes the next row of Q.
 * This is the incremental form of a rank-revealing QR that processes the rows in the given order
 * (no pivoting, because the order is the point: cheap functions first).
 *
 * <p>Not thread-safe; one instance per sample.
 */
final class IncrementalRank {
    private final int width;
    private final double tolerance;
    private double[] q;
    private int rank;
    private final double[] work;

    /**
     * An empty basis.
     *
     * @param width     length of every row (number of primitive variables tested)
     * @param tolerance τ in (0, 1): smallest residual of a unit row that counts as new
     */
    IncrementalRank(int width, double tolerance) {
        if (width < 0) {
            throw new IllegalArgumentException("width must be >= 0, got " + width);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        }
        this.width = width;
        this.tolerance = tolerance;
        this.q = new double[Math.max(1, Math.min(width, 16)) * width];
        this.work = new double[width];
    }

    /** Current numerical rank (rows accepted). */
    int rank() {
        return rank;
    }

    /** Whether no further row can be accepted (rank equals the width). */
    boolean full() {
        return rank >= width;
    }

    /**
     * Offers a row; accepts it when its distance from the span of the accepted rows, after
     * normalisation to unit length, exceeds the tolerance. A zero row is never accepted.
     *
     * @param row    the values, read from {@code offset}
     * @param offset first value
     * @return whether the row raised the rank
     */
    boolean offer(double[] row, int offset) {
        return residual(row, offset) > tolerance && accept();
    }

    /**
     * The distance of the unit-normalised row from the span of the accepted rows, leaving the
     * residual in the work buffer; 0 for a zero row or a full basis.
     *
     * @param row    the values, read from {@code offset}
     * @param offset first value
     * @return the residual norm in [0, 1]
     */
    double residual(double[] row, int offset) {
        if (full()) {
            return 0;
        }
        double norm = 0;
        for (int i = 0; i < width; i++) {
            double v = row[offset + i];
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0)) {
            return 0;
        }
        double inv = 1 / norm;
        for (int i = 0; i < width; i++) {
            work[i] = row[offset + i] * inv;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < rank; j++) {
                int base = j * width;
                double dot = 0;
                for (int i = 0; i < width; i++) {
                    dot += q[base + i] * work[i];
                }
                for (int i = 0; i < width; i++) {
                    work[i] -= dot * q[base + i];
                }
            }
        }
        double r = 0;
        for (int i = 0; i < width; i++) {
            r += work[i] * work[i];
        }
        return Math.sqrt(r);
    }

    private boolean accept() {
        double r = 0;
        for (int i = 0; i < width; i++) {
            r += work[i] * work[i];
        }
        double inv = 1 / Math.sqrt(r);
        if ((rank + 1) * width > q.length) {
            q = Arrays.copyOf(q, Math.min(width, 2 * (rank + 1)) * width);
        }
        int base = rank * width;
        for (int i = 0; i < width; i++) {
            q[base + i] = work[i] * inv;
        }
        rank++;
        return true;
    }
}
