package org.atomstack.basis.ace.internal;

import org.atomstack.basis.ace.toolkit.AceBasisSet;
import org.atomstack.basis.ace.toolkit.AtomicEnvironments;
import org.atomstack.basis.ace.toolkit.ProductBasisEvaluator;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;

/**
 * The evaluation plan of a set of ACE basis functions ("rows") for atoms of one centre species:
 * the toolkit's {@link ProductBasisEvaluator} (atomic base A, B_k = Σ_s C_ks Π_t A_{a_st} and the
 * sparse Jacobian ∂B/∂A) and the output columns. Immutable; the per-atom scratch lives in
 * {@link Workspace}. Edge gradients ∂B_k/∂r_e are computed for blocks of rows and written edge by
 * edge into the edges × size × 3 output.
 */
final class CompiledBasis {
    /** Rows per block of the gradient product. */
    static final int ROW_BLOCK = 32;

    final ProductBasisEvaluator evaluator;
    final int rows;
    final int[] rowColumn;

    /**
     * @param basis     the enumerated basis
     * @param functions basis functions (indices into the basis) to evaluate, one row each
     * @param columns   output column of each row
     * @param radial    radial basis per neighbour species (for this centre species)
     */
    CompiledBasis(AceBasisSet basis, int[] functions, int[] columns, RadialBasisSpec[] radial) {
        this.evaluator = ProductBasisEvaluator.of(basis, functions, radial);
        this.rows = functions.length;
        this.rowColumn = columns.clone();
    }

    Workspace workspace() {
        return new Workspace();
    }

    /** Per-thread scratch for one centre species. */
    final class Workspace implements AtomicEnvironments.AtomFeatures {
        final ProductBasisEvaluator.Workspace products = evaluator.workspace();
        double[] block = new double[0];

        @Override
        public void evaluate(AtomicEnvironments env, double[] values, int offset, boolean gradients) {
            evaluator.evaluate(products, env, gradients);
            double[] b = products.values();
            for (int r = 0; r < rows; r++) {
                values[offset + rowColumn[r]] = b[r];
            }
            int width = 3 * env.edges();
            if (!gradients || width == 0) {
                return;
            }
            if (block.length < ROW_BLOCK * width) {
                block = new double[Math.max(ROW_BLOCK * width, 2 * block.length)];
            }
            for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
                int r1 = Math.min(rows, r0 + ROW_BLOCK);
                for (int r = r0; r < r1; r++) {
                    evaluator.productGradient(products, r, env.edges(), env.speciesStart(), block, (r - r0) * width);
                }
                env.writeGradients(block, width, r0, r1, rowColumn);
            }
        }
    }
}
