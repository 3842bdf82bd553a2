package org.atomstack.model.linear.internal;

import java.util.Arrays;

/**
 * The columns of the design matrix, in this order:
 * <ol>
 *   <li>E0 columns (only when E0 is fitted): one per species, the atom count of that species
 *       (unregularised; placed first so they can be eliminated from the triangular factor);</li>
 *   <li>descriptor columns: Σ_i B_i,k, k = 0..size−1;</li>
 *   <li>pair columns (only with a pair term): pair p = (a ≤ b), radial function n at
 *       {@code pairOffset() + p·basis + n}.</li>
 * </ol>
 * Immutable.
 */
final class DesignLayout {
    private final int features;
    private final int[] species;
    private final boolean fitE0;
    private final PairBasis pair;

    /**
     * @param features descriptor size
     * @param species  atomic numbers handled, ascending
     * @param fitE0    whether E0 columns are present
     * @param pair     the pair basis, or null
     */
    DesignLayout(int features, int[] species, boolean fitE0, PairBasis pair) {
        this.features = features;
        this.species = species.clone();
        this.fitE0 = fitE0;
        this.pair = pair;
    }

    /** Descriptor size. */
    int features() {
        return features;
    }

    /** Atomic numbers, ascending (a copy). */
    int[] species() {
        return species.clone();
    }

    /** Number of species. */
    int speciesCount() {
        return species.length;
    }

    /** Position of {@code z} among the species, or a negative number. */
    int speciesIndex(int z) {
        return Arrays.binarySearch(species, z);
    }

    /** Whether E0 columns are present. */
    boolean fitsE0() {
        return fitE0;
    }

    /** The pair basis, or null. */
    PairBasis pair() {
        return pair;
    }

    /** Number of E0 columns (leading, unregularised). */
    int e0Columns() {
        return fitE0 ? species.length : 0;
    }

    /** First descriptor column. */
    int featureOffset() {
        return e0Columns();
    }

    /** First pair column. */
    int pairOffset() {
        return e0Columns() + features;
    }

    /** Number of pair columns. */
    int pairColumns() {
        return pair == null ? 0 : pair.columns();
    }

    /** Total number of columns. */
    int columns() {
        return e0Columns() + features + pairColumns();
    }

    /** Number of regularised columns (descriptor and pair). */
    int regularisedColumns() {
        return features + pairColumns();
    }

    /**
     * The prior diagonal of the regularised columns: {@code featurePrior} (or 1) for the
     * descriptor columns, then (1 + n)² (smoothness) or 1 (identity) for the pair columns.
     *
     * @param featurePrior γ(k) of the descriptor, or null for the identity
     */
    double[] prior(double[] featurePrior) {
        double[] g = new double[regularisedColumns()];
        for (int k = 0; k < features; k++) {
            g[k] = featurePrior == null ? 1 : featurePrior[k];
        }
        if (pair != null) {
            for (int p = 0; p < pair.pairs(); p++) {
                for (int n = 0; n < pair.size(); n++) {
                    g[features + p * pair.size() + n] = featurePrior == null ? 1 : pair.smoothness(n);
                }
            }
        }
        return g;
    }
}
