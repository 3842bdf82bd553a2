package org.atomstack.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.BruteForceNeighbors.Edge;
import org.atomstack.testkit.BruteForceNeighbors.Result;
import org.atomstack.testkit.RandomStructures.CellShape;
import org.atomstack.testkit.RandomStructures.Options;
import org.atomstack.testkit.RandomStructures.Periodicity;
import org.junit.jupiter.api.Test;

/**
 * The cell-list neighbour list of the api against a brute-force search over all pairs and all
 * image shifts: the same set of (i, j, S) and the same edge vectors (1e-9 Å), for every kind of
 * structure the generators produce.
 */
class NeighborListBruteForceTest {

    @Property(tries = 200)
    void matchesBruteForceForRandomStructures(@ForAll("anyStructure") Structure s,
                                              @ForAll @DoubleRange(min = 0.5, max = 7.0) double cutoff) {
        assertMatchesBruteForce(s, cutoff);
    }

    @Property(tries = 100)
    void matchesBruteForceInSkewedTriclinicCells(@ForAll("skewedCells") Structure s,
                                                 @ForAll @DoubleRange(min = 0.5, max = 6.0) double cutoff) {
        assertMatchesBruteForce(s, cutoff);
    }

    @Property(tries = 100)
    void matchesBruteForceWhenCutoffExceedsSmallCellIncludingSelfImages(@ForAll("smallCells") Structure s,
                                                                        @ForAll @DoubleRange(min = 3.0, max = 8.0) double cutoff) {
        assertMatchesBruteForce(s, cutoff);
    }

    @Property(tries = 100)
    void matchesBruteForceWithoutPeriodicity(@ForAll("nonPeriodic") Structure s,
                                             @ForAll @DoubleRange(min = 0.5, max = 7.0) double cutoff) {
        assertMatchesBruteForce(s, cutoff);
    }

    @Property(tries = 150)
    void matchesBruteForceForMixedPeriodicity(@ForAll("mixedPbc") Structure s,
                                              @ForAll @DoubleRange(min = 0.5, max = 7.0) double cutoff) {
        assertMatchesBruteForce(s, cutoff);
    }

    @Property(tries = 100)
    void matchesBruteForceWithAtomsOutsideTheCell(@ForAll("unwrapped") Structure s,
                                                  @ForAll @DoubleRange(min = 0.5, max = 6.0) double cutoff) {
        assertMatchesBruteForce(s, cutoff);
    }

    @Property(tries = 100)
    void matchesBruteForceForSingleAtomCells(@ForAll("singleAtom") Structure s,
                                             @ForAll @DoubleRange(min = 0.5, max = 8.0) double cutoff) {
        assertMatchesBruteForce(s, cutoff);
    }

    @Property(tries = 100)
    void wrappingAtomsIntoTheCellKeepsEveryEdgeVector(@ForAll("unwrapped") Structure s,
                                                      @ForAll @DoubleRange(min = 0.5, max = 6.0) double cutoff) {
        NeighborList raw = NeighborList.build(s, cutoff);
        NeighborList wrapped = NeighborList.build(RandomStructures.wrapIntoCell(s), cutoff);
        assertEquals(raw.edgeCount(), wrapped.edgeCount());
        // shifts change with the wrapping; the neighbours and distances of every centre do not
        for (int i = 0; i < s.atomCount(); i++) {
            for (int j = 0; j < s.atomCount(); j++) {
                double[] before = sortedDistances(raw, i, j);
                double[] after = sortedDistances(wrapped, i, j);
                assertEquals(before.length, after.length, "neighbours " + j + " of " + i);
                for (int k = 0; k < before.length; k++) {
                    assertEquals(before[k], after[k], 1e-9, "distance to " + j + " from " + i);
                }
            }
        }
    }

    @Test
    void singleAtomInCubicCellSeesExactlyItsLatticeImagesWithinCutoff() {
        // a = 2 Å, cutoff 4.5 Å: images n with 4|n|² < 20.25, i.e. |n|² in 1..5: 6 + 12 + 8 + 6 + 24
        Structure s = Structure.of("cube", new double[] {0.3, -0.7, 5.1}, new int[] {42},
            Cell.periodic(new double[] {2, 0, 0, 0, 2, 0, 0, 0, 2}), Labels.NONE);
        NeighborList nl = NeighborList.build(s, 4.5);
        assertEquals(56, nl.edgeCount());
        for (int e = 0; e < nl.edgeCount(); e++) {
            assertEquals(0, nl.neighbor(e));
            int a = nl.shift(e, 0);
            int b = nl.shift(e, 1);
            int c = nl.shift(e, 2);
            assertEquals(2 * Math.sqrt(a * a + b * b + c * c), nl.distance(e), 1e-12);
        }
    }

    @Test
    void emptyStructureHasNoEdges() {
        Structure s = Structure.of("empty", new double[0], new int[0],
            Cell.periodic(new double[] {3, 0, 0, 0, 3, 0, 0, 0, 3}), Labels.NONE);
        NeighborList nl = NeighborList.build(s, 5.0);
        assertEquals(0, nl.atomCount());
        assertEquals(0, nl.edgeCount());
    }

    @Test
    void periodicImagesAcrossAFaceOfATriclinicCellAreFound() {
        // two atoms near opposite faces of a sheared cell: only the image across the face is close
        double[] h = {4, 0, 0, 2, 3.5, 0, 1, 1, 3.8};
        Cell cell = Cell.of(h, new boolean[] {true, false, true});
        double[] frac = {0.02, 0.5, 0.5, 0.97, 0.5, 0.5};
        double[] x = new double[6];
        cell.toCartesian(frac, 0, x, 0);
        cell.toCartesian(frac, 3, x, 3);
        Structure s = Structure.of("face", x, new int[] {1, 8}, cell, Labels.NONE);
        assertMatchesBruteForce(s, 1.0);
        NeighborList nl = NeighborList.build(s, 1.0);
        assertEquals(2, nl.edgeCount());
        assertEquals(-1, nl.shift(0, 0));
        assertEquals(1, nl.shift(1, 0));
    }

    static void assertMatchesBruteForce(Structure s, double cutoff) {
        NeighborList nl = NeighborList.build(s, cutoff);
        Result expected = BruteForceNeighbors.search(s, cutoff);
        Map<Edge, double[]> actual = BruteForceNeighbors.edgesOf(nl);
        String where = BruteForceNeighbors.describe(s, cutoff);
        for (Map.Entry<Edge, double[]> e : expected.certain().entrySet()) {
            double[] v = actual.get(e.getKey());
            if (v == null) {
                fail("missing edge " + e.getKey() + " of length " + norm(e.getValue()) + " in " + where);
            }
            for (int k = 0; k < 3; k++) {
                assertEquals(e.getValue()[k], v[k], 1e-9, "vector of " + e.getKey() + " in " + where);
            }
        }
        for (Map.Entry<Edge, double[]> e : actual.entrySet()) {
            if (!expected.certain().containsKey(e.getKey()) && !expected.border().containsKey(e.getKey())) {
                fail("extra edge " + e.getKey() + " of length " + norm(e.getValue()) + " in " + where);
            }
        }
        assertEquals(nl.atomCount(), s.atomCount());
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static double[] sortedDistances(NeighborList nl, int i, int j) {
        return java.util.stream.IntStream.range(nl.offset(i), nl.offset(i + 1)).filter(e -> nl.neighbor(e) == j)
            .mapToDouble(nl::distance).sorted().toArray();
    }

    @Provide
    Arbitrary<Structure> anyStructure() {
        return StructureArbitraries.structures(Options.defaults().unwrapped(true));
    }

    @Provide
    Arbitrary<Structure> skewedCells() {
        return StructureArbitraries.structures(Options.defaults().atoms(1, 6).cellShape(CellShape.SKEWED)
            .periodicity(Periodicity.FULL).minDistance(0.5).unwrapped(true));
    }

    @Provide
    Arbitrary<Structure> smallCells() {
        return StructureArbitraries.smallCells();
    }

    @Provide
    Arbitrary<Structure> nonPeriodic() {
        return StructureArbitraries.structures(Options.defaults().atoms(0, 12).periodicity(Periodicity.NONE).unwrapped(true));
    }

    @Provide
    Arbitrary<Structure> mixedPbc() {
        Arbitrary<Integer> pattern = Arbitraries.integers().between(1, 6);
        return pattern.flatMap(bits -> StructureArbitraries.structures(Options.defaults()
            .pbc((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0).unwrapped(true)));
    }

    @Provide
    Arbitrary<Structure> unwrapped() {
        return StructureArbitraries.structures(Options.defaults().atoms(2, 8).periodicity(Periodicity.FULL).unwrapped(true));
    }

    @Provide
    Arbitrary<Structure> singleAtom() {
        return StructureArbitraries.structures(Options.defaults().atoms(1, 1).periodicity(Periodicity.ANY).unwrapped(true));
    }
}
