package org.atomstack.api.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Argument checks of the neighbour list; its geometry is tested against brute force in the testkit. */
class NeighborListTest {
    private static final Structure PAIR = Structure.of("pair", new double[] {0, 0, 0, 1, 0, 0}, new int[] {1, 1}, null, Labels.NONE);

    @Test
    void rejectsANonPositiveOrNonFiniteCutoff() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeighborList.build(PAIR, bad));
            assertEquals("cutoff must be finite and > 0, got " + bad, e.getMessage());
        }
    }

    @Test
    void rejectsInconsistentCsrArrays() {
        assertThrows(IllegalArgumentException.class, () -> new NeighborList(1, new int[] {0, 2}, new int[] {1}, new int[3], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new NeighborList(1, new int[] {0, 1}, new int[] {1}, new int[2], new double[3]));
    }

    @Test
    void rejectsGradientsOfTheWrongLength() {
        NeighborList nl = NeighborList.build(PAIR, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nl.forces(new double[3]));
        assertEquals("need 3 gradient values per edge (6), got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> nl.stress(new double[5], 1));
    }

    @Test
    void pairWithinCutoffGivesTwoOppositeEdgesAndOppositeForces() {
        NeighborList nl = NeighborList.build(PAIR, 2);
        assertEquals(2, nl.edgeCount());
        assertArrayEquals(new int[] {0, 1}, nl.centres());
        assertArrayEquals(new int[] {1, 0}, nl.neighbors());
        assertArrayEquals(new double[] {1, 0, 0, -1, 0, 0}, nl.vectors());
        assertEquals(1, nl.distance(0));
        assertEquals(2, nl.cutoff());
        // g = ∂E/∂r_e along +x on both edges: F_0 = g_0 − g_1, F_1 = g_1 − g_0
        double[] f = nl.forces(new double[] {1, 0, 0, 3, 0, 0});
        assertArrayEquals(new double[] {-2, 0, 0, 2, 0, 0}, f);
    }
}
