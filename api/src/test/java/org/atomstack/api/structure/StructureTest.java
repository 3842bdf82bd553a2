package org.atomstack.api.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StructureTest {
    private static final Cell CUBE = Cell.periodic(new double[] {5, 0, 0, 0, 5, 0, 0, 0, 5});

    private static Structure water(String name) {
        return Structure.of(name, new double[] {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0}, new int[] {8, 1, 1}, null, Labels.NONE);
    }

    @Test
    void acceptsAValidStructureAndExposesItsParts() {
        Structure s = Structure.of("h2o", new double[] {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0}, new int[] {8, 1, 1}, CUBE, Labels.NONE);
        assertEquals("h2o", s.name());
        assertEquals(3, s.atomCount());
        assertEquals(0.93, s.position(2, 1));
        assertEquals(8, s.number(0));
        assertArrayEquals(new int[] {1, 8}, s.species());
        assertEquals(CUBE, s.cell().orElseThrow());
        assertTrue(s.periodic(2));
        assertTrue(s.toString().contains("h2o"));
    }

    @Test
    void structureWithoutCellIsNonPeriodic() {
        Structure s = water("w");
        assertTrue(s.cell().isEmpty());
        assertFalse(s.periodic(0) || s.periodic(1) || s.periodic(2));
    }

    @Test
    void emptyStructureIsAllowed() {
        Structure s = Structure.of("empty", new double[0], new int[0], null, Labels.NONE);
        assertEquals(0, s.atomCount());
        assertEquals(0, s.species().length);
    }

    @Test
    void rejectsNonFinitePositionNamingTheAtomAndTheStructure() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Structure.of("train.xyz#7", new double[] {0, 0, 0, 1, Double.NaN, 0}, new int[] {1, 1}, null, Labels.NONE));
        assertEquals("train.xyz#7: position of atom 1 is not finite: NaN", e.getMessage());
    }

    @Test
    void rejectsInfinitePosition() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Structure.of("s", new double[] {0, 0, Double.POSITIVE_INFINITY}, new int[] {1}, null, Labels.NONE));
        assertTrue(e.getMessage().contains("atom 0") && e.getMessage().contains("Infinity"), e.getMessage());
    }

    @Test
    void rejectsAtomicNumberZeroNamingTheAtom() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Structure.of("s", new double[] {0, 0, 0, 1, 0, 0}, new int[] {1, 0}, null, Labels.NONE));
        assertEquals("s: atom 1 has atomic number 0, outside 1..118", e.getMessage());
    }

    @Test
    void rejectsAtomicNumberAboveOganesson() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Structure.of("s", new double[] {0, 0, 0}, new int[] {119}, null, Labels.NONE));
        assertTrue(e.getMessage().contains("atomic number 119"), e.getMessage());
        Structure.of("og", new double[] {0, 0, 0}, new int[] {118}, null, Labels.NONE);
    }

    @Test
    void rejectsPositionCountThatDoesNotMatchTheAtoms() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Structure.of("s", new double[] {0, 0, 0, 1, 0}, new int[] {1, 1}, null, Labels.NONE));
        assertEquals("s: 2 atoms but 5 position values", e.getMessage());
    }

    @Test
    void rejectsForcesWithTheWrongNumberOfRowsNamingTheStructure() {
        Labels labels = Labels.builder().forces(new double[] {0, 0, 0, 0, 0, 0}).build();
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Structure.of("md.extxyz#12", new double[] {0, 0, 0, 1, 0, 0, 2, 0, 0}, new int[] {1, 1, 1}, null, labels));
        assertEquals("md.extxyz#12: forces have 2 rows but the structure has 3 atoms", e.getMessage());
    }

    @Test
    void withLabelsRejectsForcesWithTheWrongNumberOfRowsNamingTheStructure() {
        Labels labels = Labels.builder().forces(new double[] {0, 0, 0}).build();
        InvalidStructureException e = assertThrows(InvalidStructureException.class, () -> water("w#1").withLabels(labels));
        assertEquals("w#1: forces have 1 rows but the structure has 3 atoms", e.getMessage());
    }

    @Test
    void rejectsAtomsCloserThanMinimumDistanceNamingBothAtomsAndTheDistance() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Structure.of("db#3", new double[] {0, 0, 0, 3, 0, 0, 3.05, 0, 0}, new int[] {1, 1, 1}, null, Labels.NONE));
        assertTrue(e.getMessage().startsWith("db#3: atoms 1 and 2 are 0.0500 Å apart"), e.getMessage());
    }

    @Test
    void rejectsAtomsCloserThanMinimumDistanceAcrossPeriodicImage() {
        // 4.95 Å apart inside the cell, 0.05 Å through the periodic boundary along x
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Structure.of("bulk", new double[] {0.02, 1, 1, 4.97, 1, 1}, new int[] {26, 26}, CUBE, Labels.NONE));
        assertTrue(e.getMessage().startsWith("bulk: atoms 0 and 1 are 0.0500 Å apart"), e.getMessage());
    }

    @Test
    void acceptsTheSameAtomsWhenTheBoundaryIsNotPeriodic() {
        Cell slab = Cell.of(CUBE.matrix(), new boolean[] {false, true, true});
        Structure s = Structure.of("slab", new double[] {0.02, 1, 1, 4.97, 1, 1}, new int[] {26, 26}, slab, Labels.NONE);
        assertEquals(2, s.atomCount());
    }

    @Test
    void rejectsAnAtomCloserThanMinimumDistanceToItsOwnPeriodicImage() {
        Cell thin = Cell.periodic(new double[] {0.05, 0, 0, 0, 5, 0, 0, 0, 5});
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Structure.of("thin", new double[] {0, 1, 1}, new int[] {1}, thin, Labels.NONE));
        assertTrue(e.getMessage().startsWith("thin: atoms 0 and 0 are 0.0500 Å apart"), e.getMessage());
    }

    @Test
    void acceptsAtomsExactlyTheMinimumDistanceApart() {
        Structure s = Structure.of("edge", new double[] {0, 0, 0, 0.1, 0, 0}, new int[] {1, 1}, null, Labels.NONE);
        assertEquals(2, s.atomCount());
    }

    @Test
    void withPositionsValidatesAgainAndDropsLabels() {
        Structure s = water("w").withLabels(Labels.builder().energy(-14).build());
        Structure moved = s.withPositions(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0});
        assertTrue(moved.labels().energy().isEmpty());
        assertThrows(InvalidStructureException.class, () -> s.withPositions(new double[] {0, 0, 0, 0, 0, 0, 0, 1, 0}));
    }

    @Test
    void withNameAndWithLabelsKeepEverythingElse() {
        Structure s = water("a");
        Structure renamed = s.withName("b");
        assertEquals("b", renamed.name());
        assertArrayEquals(s.positions(), renamed.positions());
        Structure labelled = s.withLabels(Labels.builder().energy(1).build());
        assertEquals(1, labelled.labels().energy().orElseThrow());
        assertEquals(s.name(), labelled.name());
    }

    @Test
    void accessorsReturnCopies() {
        double[] x = {0, 0, 0, 1, 0, 0};
        int[] z = {1, 1};
        Structure s = Structure.of("s", x, z, null, Labels.NONE);
        x[0] = 99;
        z[0] = 5;
        s.positions()[1] = 42;
        s.numbers()[1] = 7;
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0}, s.positions());
        assertArrayEquals(new int[] {1, 1}, s.numbers());
    }

    @Test
    void equalStructuresHaveEqualHashCodes() {
        assertEquals(water("w"), water("w"));
        assertEquals(water("w").hashCode(), water("w").hashCode());
        assertNotEquals(water("w"), water("v"));
    }
}
