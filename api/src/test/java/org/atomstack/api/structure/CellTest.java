package org.atomstack.api.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CellTest {
    // a = (2,0,0), b = (1,3,0), c = (0.5,0.5,4): det = 24
    private static final double[] TRICLINIC = {2, 0, 0, 1, 3, 0, 0.5, 0.5, 4};

    @Test
    void rejectsADegenerateCellWithCoplanarVectors() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Cell.periodic(new double[] {1, 0, 0, 0, 1, 0, 1, 1, 0}));
        assertTrue(e.getMessage().startsWith("cell is degenerate"), e.getMessage());
    }

    @Test
    void rejectsANonFiniteLatticeValue() {
        InvalidStructureException e = assertThrows(InvalidStructureException.class,
            () -> Cell.periodic(new double[] {1, 0, 0, 0, Double.NaN, 0, 0, 0, 1}));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
    }

    @Test
    void rejectsWrongNumbersOfValuesAndFlags() {
        InvalidStructureException values = assertThrows(InvalidStructureException.class, () -> Cell.periodic(new double[8]));
        assertEquals("cell matrix needs 9 values, got 8", values.getMessage());
        InvalidStructureException flags = assertThrows(InvalidStructureException.class, () -> Cell.of(TRICLINIC, new boolean[2]));
        assertEquals("pbc needs 3 flags, got 2", flags.getMessage());
    }

    @Test
    void volumeIsTheAbsoluteDeterminantAlsoForALeftHandedCell() {
        assertEquals(24, Cell.periodic(TRICLINIC).volume(), 1e-12);
        double[] leftHanded = {0, 3, 0, 2, 0, 0, 0, 0, 4}; // a and b swapped: det = -24
        assertEquals(24, Cell.periodic(leftHanded).volume(), 1e-12);
    }

    @Test
    void planeSpacingOfAnOrthorhombicCellIsTheEdgeLength() {
        Cell c = Cell.periodic(new double[] {3, 0, 0, 0, 4, 0, 0, 0, 5});
        assertEquals(3, c.planeSpacing(0), 1e-12);
        assertEquals(4, c.planeSpacing(1), 1e-12);
        assertEquals(5, c.planeSpacing(2), 1e-12);
    }

    @Test
    void planeSpacingOfATriclinicCellIsTheDistanceBetweenLatticePlanes() {
        Cell c = Cell.periodic(TRICLINIC);
        // b × c = (12, −4, −1), so d_a = 24 / √161; c × a = (0, 8, −1), d_b = 24 / √65; a × b = (0, 0, 6), d_c = 4
        assertEquals(24 / Math.sqrt(161), c.planeSpacing(0), 1e-12);
        assertEquals(24 / Math.sqrt(65), c.planeSpacing(1), 1e-12);
        assertEquals(4, c.planeSpacing(2), 1e-12);
        assertTrue(c.planeSpacing(0) < 2, "a plane spacing is shorter than the tilted edge");
    }

    @Test
    void latticeVectorsHaveUnitFractionalCoordinates() {
        Cell c = Cell.periodic(TRICLINIC);
        double[] f = new double[3];
        c.toFractional(TRICLINIC, 3, f, 0); // b
        assertArrayEquals(new double[] {0, 1, 0}, f, 1e-12);
        double[] x = new double[6];
        c.toCartesian(new double[] {0, 0, 1}, 0, x, 3);
        assertArrayEquals(new double[] {0, 0, 0, 0.5, 0.5, 4}, x, 1e-12);
    }

    @Property(tries = 200)
    void fractionalAndCartesianCoordinatesRoundTrip(@ForAll long seed) {
        Random r = new Random(seed);
        double[] m = new double[9];
        for (int k = 0; k < 9; k++) {
            m[k] = (k % 4 == 0 ? 3 : 0) + 2 * r.nextDouble() - 1; // diagonally dominant: well-conditioned
        }
        Cell c = Cell.periodic(m);
        double[] x = {20 * r.nextDouble() - 10, 20 * r.nextDouble() - 10, 20 * r.nextDouble() - 10};
        double[] f = new double[3];
        double[] back = new double[3];
        c.toFractional(x, 0, f, 0);
        c.toCartesian(f, 0, back, 0);
        assertArrayEquals(x, back, 1e-10);
    }

    @Test
    void accessorsReturnCopiesAndReportPeriodicity() {
        Cell c = Cell.of(TRICLINIC, new boolean[] {true, false, true});
        c.matrix()[0] = 100;
        c.pbc()[1] = true;
        assertEquals(2, c.vector(0, 0));
        assertFalse(c.periodic(1));
        assertTrue(c.anyPeriodic());
        assertFalse(Cell.of(TRICLINIC, new boolean[3]).anyPeriodic());
        assertEquals(Cell.of(TRICLINIC, new boolean[] {true, false, true}), c);
        assertEquals(Cell.of(TRICLINIC, new boolean[] {true, false, true}).hashCode(), c.hashCode());
    }
}
