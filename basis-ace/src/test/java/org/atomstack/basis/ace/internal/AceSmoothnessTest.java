package org.atomstack.basis.ace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.FeatureBlock;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.Structure;
import org.junit.jupiter.api.Test;

/** Features and gradients go to their values without the neighbour continuously as it crosses the cutoff. */
class AceSmoothnessTest {
    private static final double RC = 4.5;

    /** Atom 0 at the origin, atom 1 at 2.4 Å, atom 2 at distance d from atom 0 (and > r_c from atom 1). */
    private static Structure trimer(double d) {
        double[] u = {-0.6, 0.64, 0.48};
        return Structure.of("trimer(d=" + d + ")", new double[] {0, 0, 0, 2.4, 0, 0, d * u[0], d * u[1], d * u[2]},
            new int[] {42, 42, 42}, null, Labels.NONE);
    }

    private static void check(Descriptor desc) {
        FeatureBlock outside = AceFixtures.compute(desc, trimer(RC + 0.05), true);
        double[] deltas = {1e-2, 1e-3, 1e-4, 1e-5};
        double[] jump = new double[deltas.length];
        double[] grad = new double[deltas.length];
        for (int t = 0; t < deltas.length; t++) {
            FeatureBlock b = AceFixtures.compute(desc, trimer(RC - deltas[t]), true);
            double scale = 0;
            for (int f = 0; f < desc.size(); f++) {
                jump[t] = Math.max(jump[t], Math.abs(b.value(0, f) - outside.value(0, f)));
                scale = Math.max(scale, Math.abs(outside.value(0, f)));
                jump[t] = Math.max(jump[t], Math.abs(b.value(2, f))); // atom 2 becomes isolated: all features 0
            }
            assertTrue(scale > 1e-3, "the remaining pair gives non-trivial features");
            // gradients on the crossing edges 0 -> 2 and 2 -> 0
            for (int e = 0; e < b.neighbors().edgeCount(); e++) {
                int i = b.neighbors().centre(e);
                int j = b.neighbors().neighbor(e);
                if (i + j == 2 && i != j) {
                    for (int f = 0; f < desc.size(); f++) {
                        for (int c = 0; c < 3; c++) {
                            grad[t] = Math.max(grad[t], Math.abs(b.gradient(e, f, c)));
                        }
                    }
                }
            }
        }
        assertTrue(grad[0] > 0 && jump[0] > 0, "the neighbour inside the cutoff contributes");
        for (int t = 1; t < deltas.length; t++) {
            // value ~ delta^2 and gradient ~ delta (or faster) as the neighbour reaches r_c
            assertTrue(jump[t] <= 0.02 * jump[t - 1] + 1e-14, desc + ": feature jumps " + java.util.Arrays.toString(jump));
            assertTrue(grad[t] <= 0.2 * grad[t - 1] + 1e-12, desc + ": crossing-edge gradients " + java.util.Arrays.toString(grad));
        }
        // gradients of the crossing edge outside are exactly zero (the edge is beyond the cutoff)
        for (int e = 0; e < outside.neighbors().edgeCount(); e++) {
            assertTrue(outside.neighbors().distance(e) < RC);
        }
        for (int f = 0; f < desc.size(); f++) {
            assertEquals(0, outside.value(2, f));
        }
    }

    @Test
    void polynomialAgnesiBasis() {
        check(AceFixtures.create(AceFixtures.small(RC), 42));
    }

    @Test
    void besselBasis() {
        check(AceFixtures.create(AceFixtures.with(AceFixtures.small(RC), "radial", Map.of("kind", "bessel")), 42));
    }

    @Test
    void linearTransformWithLegendrePolynomials() {
        check(AceFixtures.create(AceFixtures.with(AceFixtures.with(AceFixtures.small(RC), "degree", List.of(6, 6, 5, 4)), "radial",
            Map.of("transform", "linear", "polynomials", "legendre", "envelope", 3, "envelope_inner", 0)), 42));
    }
}
