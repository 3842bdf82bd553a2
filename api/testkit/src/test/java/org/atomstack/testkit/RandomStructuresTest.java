package org.atomstack.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.RandomStructures.CellShape;
import org.atomstack.testkit.RandomStructures.Options;
import org.atomstack.testkit.RandomStructures.Periodicity;
import org.junit.jupiter.api.Test;

/** The structure generators and symmetry operations of the test kit. */
class RandomStructuresTest {

    // ------------------------------------------------------------------ generation

    @Test
    void sameSeedGivesIdenticalStructures() {
        RandomStructures a = RandomStructures.seeded(7);
        RandomStructures b = RandomStructures.seeded(7);
        for (int k = 0; k < 20; k++) {
            assertEquals(a.structure(), b.structure());
        }
    }

    @Test
    void differentSeedsGiveDifferentStructures() {
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            Structure s = RandomStructures.seeded(seed).structure(Options.defaults().atoms(3, 3));
            assertTrue(seen.add(Arrays.toString(s.positions())), "seed " + seed + " repeated a structure");
        }
    }

    @Test
    void nameRecordsSeedAndCallNumber() {
        RandomStructures r = RandomStructures.seeded(42);
        assertEquals("random(seed=42)#0", r.structure().name());
        assertEquals("random(seed=42)#1", r.structure().name());
    }

    @Property(tries = 200)
    void respectsTheMinimumDistanceIncludingPeriodicImages(@ForAll("minDistanceOptions") Options o, @ForAll("seeds") long seed) {
        Structure s = RandomStructures.seeded(seed).structure(o);
        BruteForceNeighbors.Result close = BruteForceNeighbors.search(s, o.minDistance() - BruteForceNeighbors.BORDER);
        assertTrue(close.certain().isEmpty(), "atoms closer than " + o.minDistance() + ": " + close.certain().keySet());
    }

    @Property(tries = 200)
    void atomAndSpeciesCountsStayWithinTheOptions(@ForAll("seeds") long seed) {
        Options o = Options.defaults().atoms(2, 9).species(2, 3).speciesPool(26, 8, 1, 74);
        Structure s = RandomStructures.seeded(seed).structure(o);
        assertTrue(s.atomCount() >= 2 && s.atomCount() <= 9, "atoms " + s.atomCount());
        int[] species = s.species();
        assertTrue(species.length >= 2 && species.length <= 3, "species " + Arrays.toString(species));
        for (int z : species) {
            assertTrue(z == 26 || z == 8 || z == 1 || z == 74, "species " + z + " not in the pool");
        }
    }

    @Test
    void drawsOneTwoAndThreeSpeciesByDefault() {
        Set<Integer> counts = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            counts.add(RandomStructures.seeded(seed).structure(Options.defaults().atoms(4, 8)).species().length);
        }
        assertEquals(Set.of(1, 2, 3), counts);
    }

    @Test
    void fullPeriodicityGivesAFullyPeriodicCell() {
        for (long seed = 0; seed < 50; seed++) {
            Structure s = RandomStructures.seeded(seed).structure(Options.defaults().periodicity(Periodicity.FULL));
            assertArrayEquals(new boolean[] {true, true, true}, s.cell().orElseThrow().pbc());
        }
    }

    @Test
    void noPeriodicityGivesStructuresWithoutCellAndWithNonPeriodicCell() {
        boolean withoutCell = false;
        boolean withCell = false;
        for (long seed = 0; seed < 50; seed++) {
            Structure s = RandomStructures.seeded(seed).structure(Options.defaults().periodicity(Periodicity.NONE));
            assertFalse(s.periodic(0) || s.periodic(1) || s.periodic(2));
            withoutCell |= s.cell().isEmpty();
            withCell |= s.cell().isPresent();
        }
        assertTrue(withoutCell && withCell);
    }

    @Test
    void mixedPeriodicityCoversAllSixMixedPatterns() {
        Set<String> patterns = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            boolean[] pbc = RandomStructures.seeded(seed).structure(Options.defaults().periodicity(Periodicity.MIXED)).cell().orElseThrow().pbc();
            int periodic = (pbc[0] ? 1 : 0) + (pbc[1] ? 1 : 0) + (pbc[2] ? 1 : 0);
            assertTrue(periodic == 1 || periodic == 2, Arrays.toString(pbc));
            patterns.add(Arrays.toString(pbc));
        }
        assertEquals(6, patterns.size(), patterns.toString());
    }

    @Test
    void anyPeriodicityCoversEveryPatternAndNoCell() {
        Set<String> patterns = new HashSet<>();
        for (long seed = 0; seed < 300; seed++) {
            Structure s = RandomStructures.seeded(seed).structure();
            patterns.add(s.cell().map(c -> Arrays.toString(c.pbc())).orElse("no cell"));
        }
        assertEquals(9, patterns.size(), patterns.toString());
    }

    @Test
    void fixedPbcPatternIsHonoured() {
        Structure s = RandomStructures.seeded(3).structure(Options.defaults().pbc(true, false, true));
        assertArrayEquals(new boolean[] {true, false, true}, s.cell().orElseThrow().pbc());
    }

    @Test
    void skewedCellsHaveMuchSmallerPlaneSpacingsThanWellConditionedOnes() {
        double worstWell = Double.POSITIVE_INFINITY;
        double worstSkewed = Double.POSITIVE_INFINITY;
        for (long seed = 0; seed < 200; seed++) {
            RandomStructures r = RandomStructures.seeded(seed);
            worstWell = Math.min(worstWell, flatness(r.cell(CellShape.WELL_CONDITIONED, new boolean[] {true, true, true}, 20, 0.1)));
            worstSkewed = Math.min(worstSkewed, flatness(r.cell(CellShape.SKEWED, new boolean[] {true, true, true}, 20, 0.1)));
        }
        assertTrue(worstWell > 0.35, "well-conditioned cells: smallest spacing / longest edge " + worstWell);
        assertTrue(worstSkewed < 0.15, "skewed cells: smallest spacing / longest edge " + worstSkewed);
    }

    @Test
    void cellsAreTurnedAwayFromTheAxesAndHaveTheRequestedVolume() {
        for (long seed = 0; seed < 20; seed++) {
            Cell c = RandomStructures.seeded(seed).cell(CellShape.ANY, new boolean[] {true, false, true}, 37.5, 0.5);
            assertEquals(37.5, c.volume(), 1e-9);
            assertTrue(Math.abs(c.vector(0, 1)) > 1e-6 || Math.abs(c.vector(0, 2)) > 1e-6, "a along x");
            assertTrue(c.planeSpacing(0) >= 0.5 && c.planeSpacing(2) >= 0.5);
        }
    }

    @Test
    void smallCellsAreSmallerThanTypicalCutoffs() {
        for (long seed = 0; seed < 50; seed++) {
            Structure s = RandomStructures.seeded(seed).structure(Options.smallCells());
            Cell c = s.cell().orElseThrow();
            double minSpacing = Math.min(c.planeSpacing(0), Math.min(c.planeSpacing(1), c.planeSpacing(2)));
            assertTrue(minSpacing < 4.0, "spacing " + minSpacing);
            assertTrue(s.atomCount() >= 1 && s.atomCount() <= 3);
        }
    }

    @Test
    void unwrappedPositionsLieOutsideTheCellAlongPeriodicDirections() {
        int outside = 0;
        int negative = 0;
        for (long seed = 0; seed < 20; seed++) {
            Structure s = RandomStructures.seeded(seed).structure(Options.defaults().atoms(4, 4).periodicity(Periodicity.FULL).unwrapped(true));
            double[] f = fractional(s);
            for (double v : f) {
                outside += v < 0 || v >= 1 ? 1 : 0;
                negative += v < 0 ? 1 : 0;
            }
        }
        assertTrue(outside > 100 && negative > 50, outside + " outside, " + negative + " negative");
    }

    @Test
    void wrappedPositionsLieInsideTheCell() {
        for (long seed = 0; seed < 20; seed++) {
            Structure s = RandomStructures.seeded(seed).structure(Options.defaults().periodicity(Periodicity.FULL));
            for (double v : fractional(s)) {
                assertTrue(v >= 0 && v < 1, "fractional coordinate " + v);
            }
        }
    }

    @Test
    void densityTooHighForTheMinimumDistanceIsReportedWithAHint() {
        Options o = Options.defaults().atoms(40, 40).minDistance(2.0).volumePerAtom(2, 2).periodicity(Periodicity.FULL)
            .cellShape(CellShape.WELL_CONDITIONED);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RandomStructures.seeded(1).structure(o));
        assertTrue(e.getMessage().contains("minimum distance 2.0"), e.getMessage());
        assertTrue(e.getMessage().contains("volume per atom"), e.getMessage());
    }

    @Test
    void cellTooSmallForTheMinimumDistanceIsReportedWithAHint() {
        Options o = Options.defaults().atoms(20, 20).minDistance(3.0).volumePerAtom(1, 1).periodicity(Periodicity.FULL);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RandomStructures.seeded(1).structure(o));
        assertTrue(e.getMessage().contains("minimum distance 3.0"), e.getMessage());
    }

    @Test
    void optionsRejectInvalidValues() {
        Options d = Options.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.minDistance(0.05));
        assertThrows(IllegalArgumentException.class, () -> d.atoms(3, 2));
        assertThrows(IllegalArgumentException.class, () -> d.species(0, 2));
        assertThrows(IllegalArgumentException.class, () -> d.speciesPool(1, 1));
        assertThrows(IllegalArgumentException.class, () -> d.speciesPool(119));
        assertThrows(IllegalArgumentException.class, () -> d.volumePerAtom(0, 1));
        assertEquals(1.0, d.minDistance());
        assertSame(d, Options.defaults());
    }

    // ------------------------------------------------------------------ rotations and permutations

    @Test
    void rotationsAreProperOrthogonalAndReflectionsImproper() {
        RandomStructures r = RandomStructures.seeded(11);
        for (int k = 0; k < 100; k++) {
            double[][] q = r.rotation();
            assertOrthogonal(q);
            assertEquals(1.0, det(q), 1e-12);
            double[][] p = r.reflection();
            assertOrthogonal(p);
            assertEquals(-1.0, det(p), 1e-12);
        }
    }

    @Test
    void orthogonalDrawsBothRotationsAndReflections() {
        RandomStructures r = RandomStructures.seeded(5);
        Set<Long> dets = new HashSet<>();
        for (int k = 0; k < 40; k++) {
            dets.add(Math.round(det(r.orthogonal())));
        }
        assertEquals(Set.of(-1L, 1L), dets);
    }

    @Test
    void rotationsAreUniformOnSO3InTheirFirstAndSecondMoments() {
        // Haar measure: E[Q_ab] = 0, E[Q_ab²] = 1/3, E[trace] = 0
        RandomStructures r = RandomStructures.seeded(2024);
        int n = 20_000;
        double[][] mean = new double[3][3];
        double[][] meanSq = new double[3][3];
        double trace = 0;
        for (int k = 0; k < n; k++) {
            double[][] q = r.rotation();
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    mean[a][b] += q[a][b] / n;
                    meanSq[a][b] += q[a][b] * q[a][b] / n;
                }
            }
            trace += (q[0][0] + q[1][1] + q[2][2]) / n;
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertEquals(0, mean[a][b], 0.02, "mean of Q" + a + b);
                assertEquals(1.0 / 3, meanSq[a][b], 0.02, "mean square of Q" + a + b);
            }
        }
        assertEquals(0, trace, 0.05);
    }

    @Test
    void permutationsOfThreeCoverAllSixOrders() {
        Set<String> seen = new HashSet<>();
        RandomStructures r = RandomStructures.seeded(9);
        for (int k = 0; k < 200; k++) {
            int[] p = r.permutation(3);
            int[] sorted = p.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2}, sorted);
            seen.add(Arrays.toString(p));
        }
        assertEquals(6, seen.size());
    }

    // ------------------------------------------------------------------ symmetry operations

    @Property(tries = 50)
    void rotatingKeepsEveryInteratomicDistanceAndFractionalCoordinate(@ForAll("structures") Structure s,
                                                                      @ForAll("orthogonal") double[][] q) {
        Structure t = RandomStructures.rotate(s, q);
        assertEquals(s.name(), t.name());
        assertArrayEquals(s.numbers(), t.numbers());
        assertDistancesEqual(s, t, 4.0);
        if (s.cell().isPresent()) {
            assertEquals(s.cell().get().volume(), t.cell().orElseThrow().volume(), 1e-9);
            assertArrayEquals(s.cell().get().pbc(), t.cell().get().pbc());
            double[] a = fractional(s);
            double[] b = fractional(t);
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 1e-9);
            }
        }
    }

    @Test
    void rotatingTurnsForcesAndStressAndKeepsEnergy() {
        double[][] q = {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}}; // 90° about z: x → y, y → −x
        Labels labels = Labels.builder().energy(-3.5).forces(new double[] {1, 2, 3, -1, -2, -3})
            .stress(new double[] {1, 2, 3, 4, 5, 6}).weight(2).build();
        Structure s = Structure.of("pair", new double[] {0, 0, 0, 1, 0, 0}, new int[] {1, 8},
            Cell.periodic(new double[] {5, 0, 0, 0, 6, 0, 0, 0, 7}), labels);
        Structure t = RandomStructures.rotate(s, q);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 0}, t.positions(), 1e-15);
        assertArrayEquals(new double[] {0, 5, 0, -6, 0, 0, 0, 0, 7}, t.cell().orElseThrow().matrix(), 1e-15);
        assertEquals(-3.5, t.labels().energy().orElseThrow());
        assertEquals(2, t.labels().weight());
        assertArrayEquals(new double[] {-2, 1, 3, 2, -1, -3}, t.labels().forces().orElseThrow(), 1e-15);
        // σ = [[1,6,5],[6,2,4],[5,4,3]] → Q σ Qᵀ = [[2,−6,−4],[−6,1,5],[−4,5,3]]
        assertArrayEquals(new double[] {2, 1, 3, 5, -4, -6}, t.labels().stress().orElseThrow(), 1e-15);
    }

    @Test
    void rotatingRejectsAMatrixThatIsNotOrthogonal() {
        Structure s = RandomStructures.seeded(1).structure();
        assertThrows(IllegalArgumentException.class, () -> RandomStructures.rotate(s, new double[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 1}}));
    }

    @Test
    void permutingReordersAtomsAndForceRows() {
        Labels labels = Labels.builder().energy(1).forces(new double[] {1, 1, 1, 2, 2, 2, 3, 3, 3}).build();
        Structure s = Structure.of("three", new double[] {0, 0, 0, 1, 0, 0, 2, 0, 0}, new int[] {1, 6, 8}, null, labels);
        Structure p = RandomStructures.permute(s, new int[] {2, 0, 1});
        assertArrayEquals(new int[] {8, 1, 6}, p.numbers());
        assertArrayEquals(new double[] {2, 0, 0, 0, 0, 0, 1, 0, 0}, p.positions());
        assertArrayEquals(new double[] {3, 3, 3, 1, 1, 1, 2, 2, 2}, p.labels().forces().orElseThrow());
        assertEquals(1, p.labels().energy().orElseThrow());
    }

    @Test
    void permutingRejectsSomethingThatIsNotAPermutation() {
        Structure s = Structure.of("two", new double[] {0, 0, 0, 1, 0, 0}, new int[] {1, 1}, null, Labels.NONE);
        assertThrows(IllegalArgumentException.class, () -> RandomStructures.permute(s, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> RandomStructures.permute(s, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> RandomStructures.permute(s, new int[] {0, 2}));
    }

    @Property(tries = 50)
    void permutingKeepsTheMultisetOfDistances(@ForAll("structures") Structure s, @ForAll("seeds") long seed) {
        Structure p = RandomStructures.permute(s, RandomStructures.seeded(seed).permutation(s.atomCount()));
        assertEquals(sortedDistances(s, 4.0), sortedDistances(p, 4.0));
    }

    @Property(tries = 50)
    void translatingKeepsEveryDistanceAndTheCell(@ForAll("structures") Structure s, @ForAll("seeds") long seed) {
        double[] t = RandomStructures.seeded(seed).translation(10);
        Structure moved = RandomStructures.translate(s, t);
        assertEquals(s.cell(), moved.cell());
        assertEquals(s.labels(), moved.labels());
        assertEquals(s.position(0, 0) + t[0], moved.position(0, 0), 1e-12);
        assertDistancesEqual(s, moved, 4.0);
    }

    @Property(tries = 50)
    void wrappingPutsPeriodicCoordinatesIntoTheCellAndLeavesOthers(@ForAll("unwrapped") Structure s) {
        Structure w = RandomStructures.wrapIntoCell(s);
        double[] before = fractional(s);
        double[] after = fractional(w);
        boolean[] pbc = s.cell().orElseThrow().pbc();
        for (int k = 0; k < after.length; k++) {
            if (pbc[k % 3]) {
                assertTrue(after[k] >= -1e-12 && after[k] < 1 + 1e-12, "wrapped fractional coordinate " + after[k]);
                double moved = before[k] - after[k];
                assertEquals(Math.rint(moved), moved, 1e-9, "moved by whole lattice vectors");
            } else {
                assertEquals(before[k], after[k], 1e-12);
            }
        }
        assertDistancesEqual(s, w, 4.0);
    }

    @Test
    void wrappingAStructureWithoutCellReturnsItUnchanged() {
        Structure s = RandomStructures.seeded(4).structure(Options.defaults().periodicity(Periodicity.NONE));
        assertEquals(s.positions().length, RandomStructures.wrapIntoCell(s).positions().length);
        assertArrayEquals(s.positions(), RandomStructures.wrapIntoCell(s).positions());
    }

    @Test
    void repeatingScalesAtomsVolumeAndEnergy() {
        Labels labels = Labels.builder().energy(-2).forces(new double[] {0.5, 0, 0}).build();
        Structure s = Structure.of("one", new double[] {0.5, 0.5, 0.5}, new int[] {3},
            Cell.periodic(new double[] {2, 0, 0, 0.5, 2, 0, 0, 0, 3}), labels);
        Structure big = RandomStructures.repeat(s, 2, 3, 1);
        assertEquals(6, big.atomCount());
        assertEquals(6 * s.cell().orElseThrow().volume(), big.cell().orElseThrow().volume(), 1e-9);
        assertEquals(-12, big.labels().energy().orElseThrow(), 1e-12);
        assertEquals(18, big.labels().forces().orElseThrow().length);
        // second atom: copy (0, 1, 0), moved by b
        assertArrayEquals(new double[] {1.0, 2.5, 0.5}, new double[] {big.position(1, 0), big.position(1, 1), big.position(1, 2)}, 1e-12);
    }

    // ------------------------------------------------------------------ arbitraries

    @Property(tries = 50)
    void arbitrariesProduceTheAdvertisedPeriodicity(@ForAll("periodic") Structure p, @ForAll("open") Structure o,
                                                    @ForAll("mixed") Structure m) {
        assertArrayEquals(new boolean[] {true, true, true}, p.cell().orElseThrow().pbc());
        assertFalse(o.periodic(0) || o.periodic(1) || o.periodic(2));
        int periodic = (m.periodic(0) ? 1 : 0) + (m.periodic(1) ? 1 : 0) + (m.periodic(2) ? 1 : 0);
        assertTrue(periodic == 1 || periodic == 2);
    }

    @Property(tries = 30)
    void arbitraryPermutationsArePermutations(@ForAll("permutationsOfFive") int[] p) {
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sorted);
    }

    @Property(tries = 30)
    void arbitraryRotationsAreProper(@ForAll("rotations") double[][] q) {
        assertOrthogonal(q);
        assertEquals(1, det(q), 1e-12);
    }

    // ------------------------------------------------------------------ helpers

    private static double flatness(Cell c) {
        double longest = 0;
        double spacing = Double.POSITIVE_INFINITY;
        for (int d = 0; d < 3; d++) {
            longest = Math.max(longest, Math.sqrt(c.vector(d, 0) * c.vector(d, 0) + c.vector(d, 1) * c.vector(d, 1) + c.vector(d, 2) * c.vector(d, 2)));
            spacing = Math.min(spacing, c.planeSpacing(d));
        }
        return spacing / longest;
    }

    private static double[] fractional(Structure s) {
        Cell c = s.cell().orElseThrow();
        double[] x = s.positions();
        double[] f = new double[x.length];
        for (int i = 0; i < s.atomCount(); i++) {
            c.toFractional(x, 3 * i, f, 3 * i);
        }
        return f;
    }

    private static void assertDistancesEqual(Structure a, Structure b, double cutoff) {
        NeighborList na = NeighborList.build(a, cutoff);
        NeighborList nb = NeighborList.build(b, cutoff);
        for (int i = 0; i < a.atomCount(); i++) {
            double[] da = java.util.stream.IntStream.range(na.offset(i), na.offset(i + 1)).mapToDouble(na::distance).sorted().toArray();
            double[] db = java.util.stream.IntStream.range(nb.offset(i), nb.offset(i + 1)).mapToDouble(nb::distance).sorted().toArray();
            assertEquals(da.length, db.length, "neighbours of atom " + i);
            assertArrayEquals(da, db, 1e-9, "distances from atom " + i);
        }
    }

    private static List<Long> sortedDistances(Structure s, double cutoff) {
        NeighborList nl = NeighborList.build(s, cutoff);
        // coarse rounding (1e-6 Å) is safe here: permuting changes no arithmetic, only the order
        return java.util.stream.IntStream.range(0, nl.edgeCount()).mapToObj(e -> Math.round(nl.distance(e) * 1e6)).sorted().toList();
    }

    private static void assertOrthogonal(double[][] q) {
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = q[0][a] * q[0][b] + q[1][a] * q[1][b] + q[2][a] * q[2][b];
                assertEquals(a == b ? 1 : 0, dot, 1e-12);
            }
        }
    }

    private static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    @Provide
    Arbitrary<Structure> structures() {
        return StructureArbitraries.structures(Options.defaults().atoms(1, 6).unwrapped(true));
    }

    @Provide
    Arbitrary<Structure> unwrapped() {
        return StructureArbitraries.structures(Options.defaults().atoms(1, 6).unwrapped(true)).filter(s -> s.cell().isPresent());
    }

    @Provide
    Arbitrary<Structure> periodic() {
        return StructureArbitraries.periodic();
    }

    @Provide
    Arbitrary<Structure> open() {
        return StructureArbitraries.nonPeriodic();
    }

    @Provide
    Arbitrary<Structure> mixed() {
        return StructureArbitraries.mixedPeriodic();
    }

    @Provide
    Arbitrary<double[][]> orthogonal() {
        return StructureArbitraries.orthogonalMatrices();
    }

    @Provide
    Arbitrary<double[][]> rotations() {
        return StructureArbitraries.rotations();
    }

    @Provide
    Arbitrary<int[]> permutationsOfFive() {
        return StructureArbitraries.permutations(5);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return StructureArbitraries.seeds();
    }

    @Provide
    Arbitrary<Options> minDistanceOptions() {
        return net.jqwik.api.Arbitraries.of(0.1, 0.5, 1.0, 1.5, 2.0)
            .map(d -> Options.defaults().minDistance(d).volumePerAtom(Math.max(1.0, 4 * d * d * d), Math.max(2.0, 8 * d * d * d))
                .unwrapped(true));
    }
}
