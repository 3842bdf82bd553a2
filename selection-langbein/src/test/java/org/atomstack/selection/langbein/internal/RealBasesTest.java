package org.atomstack.selection.langbein.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.api.stack.StackContext;
import org.atomstack.basis.cartesian.toolkit.TensorDiagram;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/**
 * The selector on the real {@code ace} and {@code cartesian} bases, found through the service
 * loader as a stack finds them: at fresh random points (not the ones the selector drew) the
 * selected functions have independent gradients and span the same row space as the whole basis,
 * measured by an SVD with a checked gap (Hipparchus), independently of the selector's own test.
 */
class RealBasesTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.serviceLoader(RealBasesTest.class.getClassLoader());

    static SelectableBasis basis(String plugin, Map<String, Object> parameters, int... species) {
        Descriptor d = REGISTRY.find(DescriptorProvider.class, plugin).provider()
            .create(Parameters.of("descriptor", parameters), StackContext.of(species, 1, REGISTRY, null));
        return d.selectable().orElseThrow();
    }

    static BasisSelection select(SelectableBasis basis, Map<String, Object> parameters, long seed) {
        return new LangbeinSelectorProvider().create(Parameters.of("selector", parameters), StackContext.of(new int[] {1}, seed, REGISTRY, null))
            .select(basis);
    }

    /**
     * The numerical rank of the rows {@code rows} of J at x (all rows when null), after dividing
     * every column by its norm over all rows of J; asserts a gap of at least 1e4 between the kept
     * and the dropped singular values so the rank is unambiguous.
     */
    static int svdRank(SelectableBasis basis, double[] x, int[] rows) {
        int n = basis.size();
        int p = basis.primitiveCount();
        double[] values = new double[n];
        double[] jac = new double[n * p];
        basis.evaluate(x, values, jac);
        double[] col = new double[p];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < p; i++) {
                col[i] += jac[k * p + i] * jac[k * p + i];
            }
        }
        int[] use = rows == null ? java.util.stream.IntStream.range(0, n).toArray() : rows;
        double[][] m = new double[use.length][p];
        for (int r = 0; r < use.length; r++) {
            for (int i = 0; i < p; i++) {
                m[r][i] = col[i] > 0 ? jac[use[r] * p + i] / Math.sqrt(col[i]) : 0;
            }
        }
        double[] s = new SingularValueDecomposition(MatrixUtils.createRealMatrix(m)).getSingularValues();
        double cut = 1e-7 * s[0];
        int rank = (int) Arrays.stream(s).filter(v -> v > cut).count();
        if (rank < s.length) {
            double kept = s[rank - 1];
            double dropped = s[rank];
            assertTrue(dropped < 1e-4 * kept, "no clear rank gap: sigma_" + rank + " = " + kept + ", sigma_" + (rank + 1) + " = " + dropped);
        }
        return rank;
    }

    static void assertSelectionSpansTheBasis(SelectableBasis basis, BasisSelection sel, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int t = 0; t < 2; t++) {
            double[] x = new double[basis.primitiveCount()];
            basis.samplePrimitives(rng.split(), x);
            int full = svdRank(basis, x, null);
            int selected = svdRank(basis, x, sel.indices());
            assertEquals(full, selected, "rank of the selected rows vs all rows at fresh point " + t);
            assertEquals(sel.size(), selected, "the selected gradients are independent at fresh point " + t);
        }
    }

    @Test
    void aceSelectionHasTheFullJacobianRankAtFreshPoints() {
        // Two centre species: a block-diagonal Jacobian.
        SelectableBasis ace = basis("ace", Map.of("cutoff", 5.0, "order", 3, "degree", List.of(8, 6, 4)), 42, 74);
        BasisSelection sel = select(ace, Map.of(), 3);
        assertTrue(sel.size() < ace.size() / 2, sel + " should drop most of the basis");
        assertSelectionSpansTheBasis(ace, sel, 99);
    }

    @Test
    void cartesianSelectionOfAllSmallDiagramsHasTheFullJacobianRank() {
        // All 20 connected diagrams with n <= 4 factors and l <= 3, two radial channels: rank 13 = 16 - 3 per channel.
        List<String> all = new ArrayList<>();
        for (TensorDiagram d : TensorDiagram.enumerate(4, 3)) {
            all.add(d.toString());
        }
        assertEquals(20, all.size());
        SelectableBasis cart = basis("cartesian", Map.of("radial", Map.of("count", 2), "invariants", all), 42);
        BasisSelection sel = select(cart, Map.of("order", "index"), 5);
        assertEquals(26, sel.size());
        assertSelectionSpansTheBasis(cart, sel, 77);
    }
}
