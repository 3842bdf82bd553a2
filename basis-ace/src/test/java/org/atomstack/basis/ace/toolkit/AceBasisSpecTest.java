package org.atomstack.basis.ace.toolkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AceBasisSpecTest {
    private static AceBasisSet acePotentials(int... dAcePot) {
        // ACEpotentials counts n from 1: its degree of order ν is ours + ν
        double[] d = new double[dAcePot.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = dAcePot[i] - (i + 1);
        }
        return new AceBasisSpec(new int[] {42}, d.length, d, 1.5, -1, -1).build();
    }

    @Test
    void countsByHandForASmallSpec() {
        // n + l <= 2: order 1 has n = 0, 1, 2 (l = 0); order 2 has l = 0 pairs (0,0) (0,1) (0,2) (1,1) and l = 1 pair (0,0)
        AceBasisSet one = new AceBasisSpec(new int[] {42}, 2, new double[] {2, 2}, 1.0, -1, -1).build();
        assertArrayEquals(new int[] {3, 5}, one.countByOrder());
        // two neighbour species: order 1: 2 × 3; order 2: l = 0: 3 + 4 + 4 + 3 species combinations, l = 1: 3
        AceBasisSet two = new AceBasisSpec(new int[] {29, 28}, 2, new double[] {2, 2}, 1.0, -1, -1).build();
        assertArrayEquals(new int[] {6, 17}, two.countByOrder());
        assertArrayEquals(new int[] {28, 29}, two.spec().species());
    }

    @Test
    void countsMatchThePurificationPapersTables() {
        // Table 2 and Table 3 of "ACE without self-interaction" (ACEpotentials.jl, wL = 1.5, one species).
        int[][] rows = {{22, 18, 14, 10, 539}, {18, 15, 12, 9, 299}, {20, 17, 14, 11, 538}, {18, 16, 14, 12, 559},
            {20, 18, 16, 14, 1056}, {17, 16, 15, 14, 862}, {19, 18, 17, 16, 1677}, {26, 22, 18, 14, 1608}, {18, 14, 10, 6, 183},
            {20, 16, 12, 8, 314}};
        for (int[] r : rows) {
            AceBasisSet b = acePotentials(r[0], r[1], r[2], r[3]);
            assertEquals(r[4], b.size(), "degrees " + r[0] + "," + r[1] + "," + r[2] + "," + r[3]);
        }
        // Four rows of Table 2 come out one larger here: (24,20,16,12) 930 vs 929, (22,19,16,13) 970 vs 969,
        // (22,20,18,16) 1970 vs 1969, (21,20,19,18) 3198 vs 3197; the paper itself lists (26,22,18,14) as
        // 1608 in Table 2 and 1609 in Table 3.
        assertEquals(930, acePotentials(24, 20, 16, 12).size());
    }

    @Test
    void orderingIsByOrderThenDegreeThenTuple() {
        AceBasisSet b = acePotentials(14, 12, 10, 8);
        int prevOrder = 0;
        double prevDegree = -1;
        for (AceBasisSet.Function f : b.functions()) {
            if (f.order() != prevOrder) {
                assertTrue(f.order() > prevOrder);
                prevOrder = f.order();
                prevDegree = -1;
            }
            assertTrue(f.degree() >= prevDegree - 1e-9);
            prevDegree = f.degree();
            int lSum = 0;
            for (int t = 0; t < f.order(); t++) {
                lSum += b.oneParticles().get(f.factor(t)).l();
                if (t > 0) {
                    assertTrue(f.factor(t) >= f.factor(t - 1), "factors are non-decreasing");
                }
            }
            assertEquals(0, lSum % 2);
        }
        assertEquals(b.size(), b.functions().size());
        assertTrue(b.label(b.size() - 1).startsWith("Mo("), b.label(b.size() - 1));
    }

    @Test
    void capsAndValidation() {
        AceBasisSet capped = new AceBasisSpec(new int[] {42}, 3, new double[] {10, 10, 10}, 1.0, 3, 2).build();
        assertTrue(capped.maxN() <= 3 && capped.maxL() <= 2);
        assertThrows(IllegalArgumentException.class, () -> new AceBasisSpec(new int[] {42}, 0, new double[0], 1.5, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> new AceBasisSpec(new int[] {42}, 2, new double[] {3}, 1.5, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> new AceBasisSpec(new int[] {42, 42}, 1, new double[] {3}, 1.5, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> new AceBasisSpec(new int[] {42}, 1, new double[] {3}, 0, -1, -1));
    }
}
