package org.atomstack.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.junit.jupiter.api.Test;

/** Merging structures keeps every structure's neighbour list under global atom indices, with its labels. */
class AtomBatchTest {
    static Structure bcc(String name, double a, Labels labels) {
        return Structure.of(name, new double[] {0, 0, 0, a / 2, a / 2, a / 2}, new int[] {42, 42},
            Cell.periodic(new double[] {a, 0, 0, 0, a, 0, 0, 0, a}), labels);
    }

    static Structure dimer() {
        return Structure.of("dimer", new double[] {0, 0, 0, 0, 0, 2.2}, new int[] {42, 74}, null,
            Labels.builder().energy(-3).stress(new double[6]).build());
    }

    @Test
    void edgesAreEachStructuresNeighbourListWithGlobalIndices() {
        Structure a = bcc("a", 3.16, Labels.builder().energy(-21.8).forces(new double[6]).stress(new double[] {1, 2, 3, 4, 5, 6}).build());
        Structure b = dimer();
        Structure c = bcc("c", 3.3, Labels.builder().weight(0.5).build());
        List<Structure> all = List.of(a, b, c);
        AtomBatch batch = AtomBatch.of(all, 4.0);
        assertEquals(3, batch.structureCount());
        assertEquals(6, batch.atomCount());
        assertArrayEquals(new int[] {2, 2, 2}, batch.atomCounts());
        assertArrayEquals(new int[] {42, 42, 42, 74, 42, 42}, batch.numbers());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, batch.atomStructure());
        int e = 0;
        for (int s = 0; s < 3; s++) {
            NeighborList nl = NeighborList.build(all.get(s), 4.0);
            assertEquals(e, batch.edgeOffset(s));
            for (int j = 0; j < nl.edgeCount(); j++, e++) {
                assertEquals(batch.atomOffset(s) + nl.centre(j), batch.centres()[e]);
                assertEquals(batch.atomOffset(s) + nl.neighbor(j), batch.neighbors()[e]);
                assertEquals(s, batch.edgeStructure()[e]);
                for (int k = 0; k < 3; k++) {
                    assertEquals(nl.vector(j, k), batch.edgeVectors()[3 * e + k]);
                }
            }
        }
        assertEquals(e, batch.edgeCount());
        assertEquals(3.16 * 3.16 * 3.16, batch.volumes()[0], 1e-12);
        assertTrue(Double.isNaN(batch.volumes()[1]), "isolated dimer has no volume");
        assertTrue(batch.hasEnergy(0) && batch.hasEnergy(1) && !batch.hasEnergy(2));
        assertTrue(batch.hasForces(0) && !batch.hasForces(1));
        assertTrue(batch.hasStress(0));
        assertFalse(batch.hasStress(1), "stress of a structure without volume is ignored");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, batch.stresses());
        assertArrayEquals(new double[] {-21.8, -3, 0}, batch.energies());
        assertArrayEquals(new double[] {1, 1, 0.5}, batch.weights());
    }

    @Test
    void mergingPrebuiltListsEqualsBuildingThem() {
        List<Structure> all = List.of(bcc("a", 3.16, Labels.NONE), dimer());
        AtomBatch built = AtomBatch.of(all, 5.0);
        AtomBatch merged = AtomBatch.of(all, AtomBatch.neighborLists(all, 5.0));
        assertArrayEquals(built.edgeVectors(), merged.edgeVectors());
        assertArrayEquals(built.centres(), merged.centres());
        assertEquals(5.0, merged.cutoff());
    }

    @Test
    void mismatchedListsAreRefused() {
        List<Structure> all = List.of(bcc("a", 3.16, Labels.NONE), dimer());
        assertThrows(IllegalArgumentException.class, () -> AtomBatch.of(all, AtomBatch.neighborLists(all.subList(0, 1), 5.0)));
        Structure single = Structure.of("atom", new double[3], new int[] {42}, null, Labels.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> AtomBatch.of(all.subList(0, 1), AtomBatch.neighborLists(List.of(single), 5.0)));
        assertTrue(e.getMessage().contains("structure a has 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AtomBatch.of(all, -1.0));
    }
}
