package org.atomstack.api.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** n structures named "s0".."s{n-1}"; structure k has k % 3 + 1 atoms of Z = 1, 8, 42 in turn. */
    private static Dataset dataset(int n) {
        List<Structure> list = new ArrayList<>();
        int[] zs = {1, 8, 42};
        for (int k = 0; k < n; k++) {
            int atoms = k % 3 + 1;
            double[] x = new double[3 * atoms];
            int[] z = new int[atoms];
            for (int i = 0; i < atoms; i++) {
                x[3 * i] = 1.5 * i;
                z[i] = zs[(k + i) % 3];
            }
            list.add(Structure.of("s" + k, x, z, null, Labels.NONE));
        }
        return Dataset.of("data", list);
    }

    private static List<String> names(Dataset d) {
        return d.structures().stream().map(Structure::name).toList();
    }

    private static int index(Structure s) {
        return Integer.parseInt(s.name().substring(1));
    }

    @Test
    void subsetKeepsTheOriginalOrderWhateverTheIndexOrder() {
        Dataset sub = dataset(10).subset("picked", new int[] {7, 1, 4});
        assertEquals("picked", sub.name());
        assertEquals(List.of("s1", "s4", "s7"), names(sub));
    }

    @Test
    void randomSubsetIsIdenticalForTheSameSeedAndKeepsTheOriginalOrder() {
        Dataset d = dataset(30);
        Dataset a = d.randomSubset(12, 42);
        Dataset b = d.randomSubset(12, 42);
        assertEquals(names(a), names(b));
        assertEquals(12, a.size());
        List<Integer> idx = a.structures().stream().map(DatasetTest::index).toList();
        assertEquals(idx.stream().sorted().toList(), idx);
        assertEquals(12, new HashSet<>(idx).size());
    }

    @Test
    void randomSubsetsDependOnTheSeed() {
        Dataset d = dataset(30);
        Set<List<String>> distinct = new HashSet<>();
        for (long seed = 0; seed < 5; seed++) {
            distinct.add(names(d.randomSubset(10, seed)));
        }
        assertTrue(distinct.size() > 1, "five seeds gave the same subset");
    }

    @Test
    void randomSubsetRejectsACountLargerThanTheDatasetNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dataset(5).randomSubset(6, 1));
        assertEquals("cannot take 6 structures from dataset 'data' of 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dataset(5).randomSubset(-1, 1));
        assertEquals(5, dataset(5).randomSubset(5, 1).size());
    }

    @Property(tries = 100)
    void splitIsDisjointCompleteOrderedAndDeterministic(@ForAll @IntRange(min = 0, max = 40) int n,
                                                        @ForAll @DoubleRange(min = 0, max = 1) double fraction,
                                                        @ForAll long seed) {
        Dataset d = dataset(n);
        Dataset[] parts = d.split(fraction, seed);
        Dataset[] again = d.split(fraction, seed);
        assertEquals(Math.round(fraction * n), parts[0].size());
        assertEquals(n, parts[0].size() + parts[1].size());
        Set<String> all = new HashSet<>(names(parts[0]));
        all.addAll(names(parts[1]));
        assertEquals(new HashSet<>(names(d)), all, "complete");
        assertEquals(n, all.size(), "disjoint");
        for (Dataset part : parts) {
            List<Integer> idx = part.structures().stream().map(DatasetTest::index).toList();
            assertEquals(idx.stream().sorted().toList(), idx, "original order");
        }
        assertEquals(names(parts[0]), names(again[0]));
        assertEquals(names(parts[1]), names(again[1]));
    }

    @Test
    void splitRejectsAFractionOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> dataset(3).split(1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> dataset(3).split(-0.1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dataset(3).split(Double.NaN, 0));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void countsAtomsAndSpecies() {
        Dataset d = dataset(6); // atoms 1,2,3,1,2,3
        assertEquals(12, d.atomCount());
        assertEquals(Map.of(1, 4L, 8, 4L, 42, 4L), d.speciesCounts());
        assertArrayEquals(new int[] {1, 8, 42}, d.species());
        assertEquals(List.of(1, 8, 42), List.copyOf(d.speciesCounts().keySet()));
    }

    @Test
    void speciesCountsOfAnUnevenDataset() {
        Dataset d = dataset(2); // s0: [H], s1: [O, Mo]
        assertEquals(Map.of(1, 1L, 8, 1L, 42, 1L), d.speciesCounts());
        Dataset first = d.subset("first", new int[] {0});
        assertEquals(Map.of(1, 1L), first.speciesCounts());
    }

    @Test
    void concatAppendsInOrderAndEmptyDatasetsAreEmpty() {
        Dataset c = dataset(2).concat("both", dataset(3));
        assertEquals("both", c.name());
        assertEquals(List.of("s0", "s1", "s0", "s1", "s2"), names(c));
        assertTrue(Dataset.of("none", List.of()).isEmpty());
    }

    @Test
    void structuresAreUnmodifiable() {
        Dataset d = dataset(2);
        Structure first = d.structures().get(0);
        assertThrows(UnsupportedOperationException.class, () -> d.structures().add(first));
    }
}
