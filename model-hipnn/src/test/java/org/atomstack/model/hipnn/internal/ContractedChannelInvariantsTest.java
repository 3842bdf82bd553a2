package org.atomstack.model.hipnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.atomstack.api.autodiff.GradCheck;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.basis.cartesian.toolkit.CartesianChannelInvariants;
import org.atomstack.basis.cartesian.toolkit.InvariantSet;
import org.junit.jupiter.api.Test;

/**
 * The contraction-based invariant layer against the toolkit's compiled-polynomial layer
 * (values), and its first and second derivatives against finite differences.
 */
class ContractedChannelInvariantsTest extends CpuBackendTest {
    private static final int EDGES = 9;
    private static final int CHANNELS = 3;
    private static final int ATOMS = 3;
    private static final int[] CENTRES = {0, 0, 0, 1, 1, 1, 1, 2, 2};

    private static double[] random(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-scale, scale);
        }
        return v;
    }

    private static Var apply(Graph g, List<Var> in, Object layer) {
        Var centres = g.indices(CENTRES, EDGES);
        return layer instanceof ContractedChannelInvariants c ? c.apply(g, in.get(0), in.get(1), centres, ATOMS)
            : ((CartesianChannelInvariants) layer).apply(g, in.get(0), in.get(1), centres, ATOMS);
    }

    @Test
    void equalsTheCompiledPolynomialForTheFlexibleSetAndNorms() {
        SplittableRandom rng = new SplittableRandom(3);
        for (InvariantSet set : List.of(InvariantSet.flexible(), InvariantSet.norms(3), InvariantSet.norms(4),
            InvariantSet.parse("-\n0,0\n01,02,134,234\n0,1,2,012\n", "test"))) {
            double[] w = random(rng, EDGES * CHANNELS, 1);
            double[] r = random(rng, EDGES * 3, 2);
            double[] expected = new CartesianChannelInvariants(set).evaluate(w, r, CHANNELS, CENTRES, ATOMS);
            ContractedChannelInvariants layer = new ContractedChannelInvariants(set);
            try (Graph g = new Graph(backend)) {
                Var out = apply(g, List.of(g.constant(w, DType.FLOAT64, EDGES, CHANNELS), g.constant(r, DType.FLOAT64, EDGES, 3)), layer);
                assertEquals(Shape.of(ATOMS, CHANNELS, set.size()), out.shape());
                double[] got = out.toDoubles();
                for (int i = 0; i < got.length; i++) {
                    assertEquals(expected[i], got[i], 1e-10 * (1 + Math.abs(expected[i])), set.labels().get(i % set.size()));
                }
            }
        }
    }

    @Test
    void derivativesOfFirstAndSecondOrderMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(5);
        // the flexible set (contractions and norms) and the norms alone (no full arrays formed)
        for (InvariantSet set : List.of(InvariantSet.flexible(), InvariantSet.norms(4))) {
            ContractedChannelInvariants layer = new ContractedChannelInvariants(set);
            GradCheck check = new GradCheck(backend, (g, in) -> apply(g, in, layer),
                List.of(random(rng, EDGES * CHANNELS, 0.5), random(rng, EDGES * 3, 2)), List.of(Shape.of(EDGES, CHANNELS), Shape.of(EDGES, 3)), 11);
            check.firstOrder(DType.FLOAT64).assertWithin(1e-6);
            check.secondOrder(DType.FLOAT64).assertWithin(1e-5);
        }
    }
}
