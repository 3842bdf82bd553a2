package org.atomstack.api.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void noLabelsHaveWeightOneAndNothingElse() {
        assertTrue(Labels.NONE.energy().isEmpty());
        assertFalse(Labels.NONE.hasForces());
        assertTrue(Labels.NONE.forces().isEmpty());
        assertTrue(Labels.NONE.stress().isEmpty());
        assertTrue(Labels.NONE.configType().isEmpty());
        assertEquals(1.0, Labels.NONE.weight());
    }

    @Test
    void rejectsNaNEnergy() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class, () -> Labels.builder().energy(Double.NaN));
        assertEquals("energy is not finite: NaN", e.getMessage());
    }

    @Test
    void rejectsInfiniteEnergy() {
        assertThrows(InvalidStructureException.class, () -> Labels.builder().energy(Double.NEGATIVE_INFINITY));
    }

    @Test
    void rejectsNaNForceNamingTheAtom() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Labels.builder().forces(new double[] {0, 0, 0, 0, 0, 0, 1, Double.NaN, 0}));
        assertEquals("force on atom 2 is not finite: NaN", e.getMessage());
    }

    @Test
    void rejectsForcesThatAreNotThreePerAtom() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class, () -> Labels.builder().forces(new double[4]));
        assertEquals("forces need 3 values per atom, got 4 values", e.getMessage());
    }

    @Test
    void rejectsNaNStressQuotingTheComponents() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Labels.builder().stress(new double[] {1, 2, 3, Double.NaN, 5, 6}));
        assertTrue(e.getMessage().startsWith("stress is not finite") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void rejectsStressWithoutSixVoigtComponents() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class, () -> Labels.builder().stress(new double[9]));
        assertEquals("stress needs 6 Voigt components, got 9", e.getMessage());
    }

    @Test
    void rejectsNegativeOrNonFiniteWeight() {
        assertThrows(InvalidStructureException.class, () -> Labels.builder().weight(-0.5));
        assertThrows(InvalidStructureException.class, () -> Labels.builder().weight(Double.NaN));
        assertThrows(InvalidStructureException.class, () -> Labels.builder().weight(Double.POSITIVE_INFINITY));
        assertEquals(0, Labels.builder().weight(0).build().weight());
    }

    @Test
    void keepsCopiesOfArraysGivenAndReturned() {
        double[] f = {1, 2, 3};
        double[] s = {1, 2, 3, 4, 5, 6};
        Labels labels = Labels.builder().forces(f).stress(s).build();
        f[0] = 99;
        s[0] = 99;
        labels.forces().orElseThrow()[1] = 99;
        labels.stress().orElseThrow()[1] = 99;
        assertArrayEquals(new double[] {1, 2, 3}, labels.forces().orElseThrow());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, labels.stress().orElseThrow());
    }

    @Test
    void toBuilderKeepsEveryLabelAndNullClears() {
        Labels labels = Labels.builder().energy(-7.5).forces(new double[] {1, 2, 3}).stress(new double[6]).weight(2)
            .configType("AIMD").build();
        assertEquals(labels, labels.toBuilder().build());
        assertEquals(labels.hashCode(), labels.toBuilder().build().hashCode());
        Labels cleared = labels.toBuilder().forces(null).stress(null).configType(null).build();
        assertFalse(cleared.hasForces());
        assertTrue(cleared.stress().isEmpty());
        assertTrue(cleared.configType().isEmpty());
        assertEquals(-7.5, cleared.energy().orElseThrow());
        assertEquals("AIMD", labels.configType().orElseThrow());
    }
}
