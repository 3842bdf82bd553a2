package org.atomstack.model.linear.internal;

/**
 * The weighted rows of the design matrix contributed by one structure: rows × columns
 * entries w_r·a_r (row-major), targets w_r·y_r, and bookkeeping. Rows with zero weight are
 * never included. Arrays are owned by the block and not copied; treat as immutable.
 *
 * @param rows         number of rows
 * @param columns      number of columns
 * @param design       rows × columns weighted design entries, row-major
 * @param targets      rows weighted targets
 * @param logWeights   Σ_r ln w_r² over the rows (for the Bayesian evidence)
 * @param energyRows   energy rows (0 or 1)
 * @param forceRows    force rows (0 or 3N)
 * @param stressRows   stress rows (0 or 6)
 */
record RowBlock(int rows, int columns, double[] design, double[] targets, double logWeights,
                int energyRows, int forceRows, int stressRows) {
    /** A block without rows. */
    static RowBlock empty(int columns) {
        return new RowBlock(0, columns, new double[0], new double[0], 0, 0, 0, 0);
    }
}
