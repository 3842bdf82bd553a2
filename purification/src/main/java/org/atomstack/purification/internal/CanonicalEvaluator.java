package org.atomstack.purification.internal;

import java.util.Arrays;
import java.util.List;
import org.atomstack.basis.ace.toolkit.AtomicEnvironments;
import org.atomstack.basis.ace.toolkit.ProductBasisEvaluator;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;

/**
 * The evaluation plan of output rows 𝔅_i = Σ_j T_ij B_j for atoms of one centre species, where the
 * B_j ("inner" functions, the self-interacting invariants of K′ that the rows need) are evaluated
 * as in the ace plugin by the toolkit's {@link ProductBasisEvaluator}, and T is sparse: ACE's
 * evaluation plus one sparse matrix product. Immutable; the per-atom scratch lives in
 * {@link Workspace}.
 *
 * <p>With gradients: ∂B_j/∂r_e for every inner function, then ∂𝔅_i/∂r_e = Σ_j T_ij ∂B_j/∂r_e for
 * blocks of rows, written edge by edge into the edges × size × 3 output. The canonical features are
 * linear maps of the products, so their gradients are exact.
 */
final class CanonicalEvaluator {
    /** Rows per block of the gradient product. */
    static final int ROW_BLOCK = 32;

    final ProductBasisEvaluator inner;
    // output rows
    final int rows;
    final int[] rowColumn;
    final int[] tStart;
    final int[] tInner;
    final double[] tValue;

    /**
     * @param innerFunctions the products B_j the rows need
     * @param rowInner       per output row, indices into innerFunctions
     * @param rowValues      per output row, the values T_ij
     * @param rowColumn      per output row, its feature column
     * @param radial         radial basis per neighbour species (for this centre)
     */
    CanonicalEvaluator(List<ProductInvariant> innerFunctions, int[][] rowInner, double[][] rowValues, int[] rowColumn,
                       RadialBasisSpec[] radial) {
        this.inner = new ProductBasisEvaluator(innerFunctions, radial);
        rows = rowColumn.length;
        this.rowColumn = rowColumn.clone();
        tStart = new int[rows + 1];
        int total = 0;
        for (int r = 0; r < rows; r++) {
            tStart[r] = total;
            total += rowInner[r].length;
        }
        tStart[rows] = total;
        tInner = new int[total];
        tValue = new double[total];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(rowInner[r], 0, tInner, tStart[r], rowInner[r].length);
            System.arraycopy(rowValues[r], 0, tValue, tStart[r], rowValues[r].length);
        }
    }

    /** Number of non-zeros of T. */
    int tNonZeros() {
        return tInner.length;
    }

    /** Per-thread scratch. */
    final class Workspace implements AtomicEnvironments.AtomFeatures {
        final ProductBasisEvaluator.Workspace products = inner.workspace();
        final double[] values = new double[rows];
        double[] innerGrad = new double[0];
        double[] block = new double[0];

        @Override
        public void evaluate(AtomicEnvironments env, double[] out, int offset, boolean gradients) {
            inner.evaluate(products, env, gradients);
            purify(this);
            for (int r = 0; r < rows; r++) {
                out[offset + rowColumn[r]] = values[r];
            }
            if (gradients && env.edges() > 0) {
                edgeGradients(env);
            }
        }

        /** ∂𝔅/∂r_e for the edges of the current atom, written into the feature block. */
        private void edgeGradients(AtomicEnvironments env) {
            int edges = env.edges();
            int width = 3 * edges;
            int count = inner.size();
            if (innerGrad.length < count * width) {
                innerGrad = new double[Math.max(count * width, 2 * innerGrad.length)];
            }
            if (block.length < ROW_BLOCK * width) {
                block = new double[Math.max(ROW_BLOCK * width, 2 * block.length)];
            }
            double[] g = innerGrad;
            for (int j = 0; j < count; j++) {
                inner.productGradient(products, j, edges, env.speciesStart(), g, j * width);
            }
            for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
                int r1 = Math.min(rows, r0 + ROW_BLOCK);
                for (int r = r0; r < r1; r++) {
                    int base = (r - r0) * width;
                    Arrays.fill(block, base, base + width, 0);
                    for (int p = tStart[r]; p < tStart[r + 1]; p++) {
                        double v = tValue[p];
                        int src = tInner[p] * width;
                        for (int c = 0; c < width; c++) {
                            block[base + c] += v * g[src + c];
                        }
                    }
                }
                env.writeGradients(block, width, r0, r1, rowColumn);
            }
        }
    }

    Workspace workspace() {
        return new Workspace();
    }

    /**
     * 𝔅 of one environment into w.values.
     *
     * @param w       scratch
     * @param edges   number of neighbours, grouped by species (ascending)
     * @param vec     3 components per neighbour of r_ij, Å
     * @param dist    |r_ij| per neighbour
     * @param species species index per neighbour
     */
    void evaluate(Workspace w, int edges, double[] vec, double[] dist, int[] species) {
        inner.atomicBase(w.products, edges, vec, dist, species, false);
        inner.products(w.products, false);
        purify(w);
    }

    /** 𝔅 = T·B from the inner values into w.values. */
    private void purify(Workspace w) {
        double[] b = w.products.values();
        for (int r = 0; r < rows; r++) {
            double v = 0;
            for (int p = tStart[r]; p < tStart[r + 1]; p++) {
                v += tValue[p] * b[tInner[p]];
            }
            w.values[r] = v;
        }
    }
}
