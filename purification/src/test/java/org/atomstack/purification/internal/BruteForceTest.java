package org.atomstack.purification.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.junit.jupiter.api.Test;

/** The purified basis equals the sums over distinct neighbour tuples of its definition. */
class BruteForceTest {
    private static void assertMatches(Map<String, Object> p, int neighbours, long seed, int... species) {
        Descriptor d = Fixtures.canonical(p, species);
        BruteForce bf = new BruteForce(p);
        for (int rep = 0; rep < 3; rep++) {
            Structure s = Fixtures.cluster(seed + rep, neighbours, species.length == 0 ? new int[] {Fixtures.MO} : species);
            double[] expected = bf.features(s, true);
            double[] actual = d.compute(s, NeighborList.build(s, d.cutoff()), false).values();
            assertPerOrder(bf, expected, actual, d.size(), "canonical, " + neighbours + " neighbours, " + s.name());
            // and the self-interacting route (purify: false) equals the sums with repeats
            Descriptor si = Fixtures.canonical(Fixtures.with(p, "purify", false), species);
            assertPerOrder(bf, bf.features(s, false), si.compute(s, NeighborList.build(s, si.cutoff()), false).values(), d.size(),
                "self-interacting, " + s.name());
        }
    }

    /** |actual − expected| ≤ 1e-10 · the largest |expected| among the features of the same order, and those are not all zero. */
    private static void assertPerOrder(BruteForce bf, double[] expected, double[] actual, int size, String what) {
        double[] scale = new double[8];
        for (int i = 0; i < expected.length; i++) {
            int nu = bf.order(i % size);
            scale[nu] = Math.max(scale[nu], Math.abs(expected[i]));
        }
        for (int i = 0; i < expected.length; i++) {
            int nu = bf.order(i % size);
            assertTrue(scale[nu] > 0, what + ": all features of order " + nu + " vanish");
            assertTrue(Math.abs(actual[i] - expected[i]) <= 1e-10 * scale[nu], String.format(java.util.Locale.ROOT,
                "%s: value %d (order %d) %.15g, expected %.15g (scale %.3g)", what, i, nu, actual[i], expected[i], scale[nu]));
        }
    }

    @Test
    void orderTwoWithTwoNeighbours() {
        assertMatches(Fixtures.ace(2, 10, 8), 2, 10);
    }

    @Test
    void orderThreeWithThreeNeighbours() {
        assertMatches(Fixtures.ace(3, 9, 8, 6), 3, 20);
    }

    @Test
    void orderFourWithFourNeighbours() {
        assertMatches(Fixtures.ace(4, 8, 7, 6, 5), 4, 30);
    }

    @Test
    void moreNeighboursThanTheOrder() {
        assertMatches(Fixtures.ace(3, 7, 6, 5), 6, 40);
    }

    @Test
    void twoSpeciesWithTheirOwnRadialScales() {
        Map<String, Object> p = Fixtures.with(Fixtures.ace(3, 7, 6, 5), "species", List.of("Nb", "Mo"));
        assertMatches(p, 3, 50, Fixtures.NB, Fixtures.MO);
    }

    @Test
    void legendrePolynomialsWithAnInnerCutoffAndOtherEnvelopes() {
        Map<String, Object> p = Fixtures.with(Fixtures.ace(3, 8, 7, 5), "radial",
            Map.of("polynomials", "legendre", "envelope", 3, "envelope_inner", 2, "inner", 1.2, "transform", "power", "r0", 2.7));
        assertMatches(p, 3, 60);
    }

    @Test
    void featuresOfOrderAboveTheNeighbourCountVanish() {
        Map<String, Object> p = Fixtures.ace(4, 10, 8, 6, 5);
        Descriptor d = Fixtures.canonical(p);
        BruteForce bf = new BruteForce(p);
        for (int j = 1; j <= 3; j++) {
            Structure s = Fixtures.cluster(70 + j, j, Fixtures.MO);
            double[] v = d.compute(s, NeighborList.build(s, d.cutoff()), false).values();
            double scale = 0;
            for (double x : v) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int col = 0; col < d.size(); col++) {
                if (bf.order(col) > j) {
                    assertEquals(0, v[col], 1e-11 * scale, "centre feature " + d.featureLabels().get(col) + " with " + j + " neighbour(s)");
                }
            }
        }
    }
}
