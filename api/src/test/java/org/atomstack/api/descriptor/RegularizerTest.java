package org.atomstack.api.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegularizerTest {
    /** S = [[1, 2, 0], [0, 1, 0], [0, -1, 1]]. */
    private static Regularizer sample() {
        return Regularizer.ofInverse("test", 3, new int[] {0, 2, 3, 5}, new int[] {0, 1, 1, 1, 2}, new double[] {1, 2, 1, -1, 1}, "a test");
    }

    @Test
    void appliesTheInverseAndItsTranspose() {
        Regularizer r = sample();
        assertArrayEquals(new double[] {1 + 2 * 2, 2, -2 + 3}, r.applyInverse(new double[] {1, 2, 3}), 0);
        // Sᵀ x with x = (1, 2, 3): column sums weighted
        assertArrayEquals(new double[] {1, 2 + 2 - 3, 3}, r.applyInverseTransposed(new double[] {1, 2, 3}), 0);
        assertEquals(5, r.nonZeros());
        assertEquals("a test", r.description());
    }

    @Test
    void identityIsTheIdentity() {
        Regularizer r = Regularizer.identity("id", 4, "");
        assertArrayEquals(new double[] {1, -2, 3, 4}, r.applyInverse(new double[] {1, -2, 3, 4}), 0);
    }

    @Test
    void rejectsInconsistentArraysQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Regularizer.ofInverse("bad", 2, new int[] {0, 1, 2}, new int[] {0, 2}, new double[] {1, 1}, ""));
        assertTrue(e.getMessage().contains("bad") && e.getMessage().contains("column 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> Regularizer.ofInverse("nan", 1, new int[] {0, 1}, new int[] {0}, new double[] {Double.NaN}, ""));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sample().applyInverse(new double[2]));
    }
}
