package org.atomstack.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.testkit.BruteForceNeighbors.Edge;
import org.atomstack.testkit.RandomStructures.Options;
import org.atomstack.testkit.RandomStructures.Periodicity;
import org.junit.jupiter.api.Test;

/**
 * Structural properties of the neighbour list (symmetry, CSR order, determinism), the
 * force and stress assembly from edge gradients checked against finite differences of a pair
 * energy, and linear growth of the edge count with system size.
 */
class NeighborListPropertiesTest {

    @Property(tries = 100)
    void everyEdgeHasItsReverseWithNegatedShiftAndVector(@ForAll("structures") Structure s,
                                                         @ForAll @DoubleRange(min = 0.5, max = 7.0) double cutoff) {
        NeighborList nl = NeighborList.build(s, cutoff);
        Map<Edge, double[]> edges = BruteForceNeighbors.edgesOf(nl);
        for (Map.Entry<Edge, double[]> e : edges.entrySet()) {
            double[] back = edges.get(e.getKey().reversed());
            assertNotNull(back, "reverse of " + e.getKey() + " missing");
            for (int k = 0; k < 3; k++) {
                assertEquals(-e.getValue()[k], back[k], 1e-12, "reverse vector of " + e.getKey());
            }
        }
    }

    @Property(tries = 100)
    void edgesOfEachCentreAreOrderedByNeighbourThenShift(@ForAll("structures") Structure s,
                                                         @ForAll @DoubleRange(min = 0.5, max = 7.0) double cutoff) {
        NeighborList nl = NeighborList.build(s, cutoff);
        int[] offsets = nl.offsets();
        assertEquals(s.atomCount() + 1, offsets.length);
        assertEquals(0, offsets[0]);
        assertEquals(nl.edgeCount(), offsets[s.atomCount()]);
        for (int i = 0; i < s.atomCount(); i++) {
            assertTrue(offsets[i] <= offsets[i + 1], "offsets must not decrease");
            assertEquals(offsets[i + 1] - offsets[i], nl.neighborCount(i));
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                assertEquals(i, nl.centre(e));
                if (e > offsets[i]) {
                    Edge prev = edge(nl, e - 1);
                    Edge cur = edge(nl, e);
                    assertTrue(prev.compareTo(cur) < 0, "edge " + prev + " listed before " + cur + " in " + s);
                }
            }
        }
    }

    @Test
    void edgesAreOrderedByNeighbourIndexBeyondTheFirstTwoNeighbours() {
        // a chain of five atoms along x, all within the cutoff of each other
        double[] x = {0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0};
        Structure s = Structure.of("chain", x, new int[] {1, 1, 1, 1, 1}, null, Labels.NONE);
        NeighborList nl = NeighborList.build(s, 10.0);
        int[] neighbors = Arrays.copyOfRange(nl.neighbors(), nl.offset(0), nl.offset(1));
        assertArrayEquals(new int[] {1, 2, 3, 4}, neighbors);
    }

    @Property(tries = 100)
    void noAtomIsItsOwnNeighbourWithoutAShift(@ForAll("structures") Structure s,
                                              @ForAll @DoubleRange(min = 0.5, max = 7.0) double cutoff) {
        NeighborList nl = NeighborList.build(s, cutoff);
        for (int e = 0; e < nl.edgeCount(); e++) {
            boolean zeroShift = nl.shift(e, 0) == 0 && nl.shift(e, 1) == 0 && nl.shift(e, 2) == 0;
            assertFalse(nl.centre(e) == nl.neighbor(e) && zeroShift, "edge (i, i, 0) at " + e);
            assertTrue(nl.distance(e) < cutoff);
            assertTrue(nl.distance(e) >= Structure.MIN_DISTANCE);
        }
    }

    @Property(tries = 100)
    void buildingTwiceGivesIdenticalLists(@ForAll("seeds") long seed, @ForAll @DoubleRange(min = 0.5, max = 7.0) double cutoff) {
        Options o = Options.defaults().unwrapped(true);
        Structure s1 = RandomStructures.seeded(seed).structure(o);
        Structure s2 = RandomStructures.seeded(seed).structure(o);
        NeighborList a = NeighborList.build(s1, cutoff);
        NeighborList b = NeighborList.build(s2, cutoff);
        NeighborList c = NeighborList.build(s1, cutoff);
        for (NeighborList other : List.of(b, c)) {
            assertArrayEquals(a.offsets(), other.offsets());
            assertArrayEquals(a.neighbors(), other.neighbors());
            assertArrayEquals(a.shifts(), other.shifts());
            assertArrayEquals(a.vectors(), other.vectors());
        }
    }

    @Property(tries = 100)
    void forcesFromAnyEdgeGradientsSumToZero(@ForAll("structures") Structure s,
                                             @ForAll @DoubleRange(min = 0.5, max = 7.0) double cutoff,
                                             @ForAll long seed) {
        NeighborList nl = NeighborList.build(s, cutoff);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] g = new double[3 * nl.edgeCount()];
        for (int k = 0; k < g.length; k++) {
            g[k] = rng.nextDouble(-1, 1);
        }
        double[] f = nl.forces(g);
        assertEquals(3 * s.atomCount(), f.length);
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            double scale = 1;
            for (int i = 0; i < s.atomCount(); i++) {
                sum += f[3 * i + k];
                scale += Math.abs(f[3 * i + k]);
            }
            assertEquals(0, sum, 1e-12 * scale, "net force component " + k);
        }
    }

    @Property(tries = 30)
    void forcesMatchFiniteDifferencesOfAPairEnergy(@ForAll("structures") Structure s,
                                                   @ForAll @DoubleRange(min = 1.0, max = 6.0) double cutoff) {
        NeighborList nl = NeighborList.build(s, cutoff);
        double[] f = nl.forces(PairEnergy.gradients(nl));
        double h = 1e-5;
        double[] x = s.positions();
        for (int k = 0; k < x.length; k++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[k] += h;
            minus[k] -= h;
            double dE = PairEnergy.energy(s.withPositions(plus), cutoff) - PairEnergy.energy(s.withPositions(minus), cutoff);
            double expected = -dE / (2 * h);
            assertEquals(expected, f[k], 1e-6 * (1 + Math.abs(expected)), "force component " + k + " of " + s);
        }
    }

    @Property(tries = 50)
    void stressMatchesFiniteDifferenceStrainDerivativeOfAPairEnergy(@ForAll("structuresWithCell") Structure s,
                                                                     @ForAll @DoubleRange(min = 1.0, max = 6.0) double cutoff) {
        NeighborList nl = NeighborList.build(s, cutoff);
        double volume = s.cell().orElseThrow().volume();
        double[] stress = nl.stress(PairEnergy.gradients(nl), volume);
        int[][] voigt = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
        double h = 1e-6;
        for (int v = 0; v < 6; v++) {
            int a = voigt[v][0];
            int b = voigt[v][1];
            double dE = PairEnergy.energy(strained(s, a, b, h), cutoff) - PairEnergy.energy(strained(s, a, b, -h), cutoff);
            double expected = dE / (2 * h) / volume;
            assertEquals(expected, stress[v], 1e-6 * (1 + Math.abs(expected)), "stress component " + v + " of " + s);
        }
    }

    @Test
    void stressOfARepulsivePairIsNegativeAlongTheBondOnly() {
        // E = f(r)/2 per directed edge with f decreasing: the pair repels, the cell wants to expand
        Structure s = Structure.of("pair", new double[] {0, 0, 0, 1.5, 0, 0}, new int[] {1, 1},
            Cell.of(new double[] {10, 0, 0, 0, 10, 0, 0, 0, 10}, new boolean[] {false, false, false}), Labels.NONE);
        NeighborList nl = NeighborList.build(s, 2.0);
        double[] stress = nl.stress(PairEnergy.gradients(nl), 1000);
        // σ_xx = (1/V) Σ_e r_x g_x = 2 * 1.5 * (-3 * 0.5² / 2) / 1000
        assertEquals(2 * 1.5 * (-1.5 * 0.25) / 1000, stress[0], 1e-15);
        assertEquals(0, stress[1], 1e-15);
        assertEquals(0, stress[5], 1e-15);
    }

    @Property(tries = 30)
    void edgeCountOfASupercellIsTheCopiesTimesThatOfTheCell(@ForAll("periodicCells") Structure s,
                                                            @ForAll @IntRange(min = 1, max = 3) int na,
                                                            @ForAll @IntRange(min = 1, max = 3) int nb,
                                                            @ForAll @IntRange(min = 1, max = 3) int nc,
                                                            @ForAll @DoubleRange(min = 0.5, max = 5.0) double cutoff) {
        // repeat only along periodic directions: a copy along an open direction would be a new neighbour
        na = s.periodic(0) ? na : 1;
        nb = s.periodic(1) ? nb : 1;
        nc = s.periodic(2) ? nc : 1;
        Structure big = RandomStructures.repeat(s, na, nb, nc);
        NeighborList small = NeighborList.build(s, cutoff);
        NeighborList large = NeighborList.build(big, cutoff);
        int copies = na * nb * nc;
        assertEquals((long) copies * small.edgeCount(), large.edgeCount(), "edges grow linearly with the number of atoms");
        for (int k = 0; k < big.atomCount(); k++) {
            int i = k % s.atomCount();
            assertEquals(small.neighborCount(i), large.neighborCount(k), "neighbours of copy " + k + " of atom " + i);
        }
    }

    @Test
    void edgesPerAtomStayConstantAsALatticeGrowsTenfold() {
        // simple cubic lattice, a = 2 Å, cutoff 3 Å (face 2, edge 2.83, corner 3.46 Å): 6 + 12 neighbours per atom at every size
        Structure cell = Structure.of("sc", new double[] {0.1, 0.2, 0.3}, new int[] {29},
            Cell.periodic(new double[] {2, 0, 0, 0, 2, 0, 0, 0, 2}), Labels.NONE);
        for (int k : new int[] {1, 2, 5, 10}) {
            Structure s = RandomStructures.repeat(cell, k, k, k);
            NeighborList nl = NeighborList.build(s, 3.0);
            assertEquals(18L * s.atomCount(), nl.edgeCount(), k + "x" + k + "x" + k);
            // and as an isolated cluster: never more than 18 per atom, exactly 18 inside
            Structure cluster = Structure.of("cluster", s.positions(), s.numbers(), null, Labels.NONE);
            NeighborList open = NeighborList.build(cluster, 3.0);
            int[] count = new int[cluster.atomCount()];
            for (int e = 0; e < open.edgeCount(); e++) {
                count[open.centre(e)]++;
            }
            assertTrue(Arrays.stream(count).allMatch(c -> c <= 18));
            if (k >= 3) {
                assertEquals(18, count[(k / 2) * k * k + (k / 2) * k + k / 2], "an atom in the middle of the cluster");
            }
        }
    }

    private static Edge edge(NeighborList nl, int e) {
        return new Edge(nl.centre(e), nl.neighbor(e), nl.shift(e, 0), nl.shift(e, 1), nl.shift(e, 2));
    }

    /** The structure deformed by x → (I + ε) x with ε symmetric, ε_ab = ε_ba = h (diagonal) or h/2. */
    private static Structure strained(Structure s, int a, int b, double h) {
        double[][] f = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        if (a == b) {
            f[a][a] += h;
        } else {
            f[a][b] += h / 2;
            f[b][a] += h / 2;
        }
        double[] x = s.positions();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length / 3; i++) {
            mul(f, x, 3 * i, out, 3 * i);
        }
        Cell c = s.cell().orElseThrow();
        double[] m = c.matrix();
        double[] rm = new double[9];
        for (int r = 0; r < 3; r++) {
            mul(f, m, 3 * r, rm, 3 * r);
        }
        return Structure.of(s.name(), out, s.numbers(), Cell.of(rm, c.pbc()), Labels.NONE);
    }

    private static void mul(double[][] f, double[] v, int off, double[] out, int outOff) {
        for (int k = 0; k < 3; k++) {
            out[outOff + k] = f[k][0] * v[off] + f[k][1] * v[off + 1] + f[k][2] * v[off + 2];
        }
    }

    /** E = Σ_e f(|r_e|)/2 over directed edges, f(r) = (rc − r)³: smooth enough at the cutoff for finite differences. */
    static final class PairEnergy {
        private PairEnergy() {
        }

        static double energy(Structure s, double cutoff) {
            NeighborList nl = NeighborList.build(s, cutoff);
            double e = 0;
            for (int k = 0; k < nl.edgeCount(); k++) {
                double d = cutoff - nl.distance(k);
                e += 0.5 * d * d * d;
            }
            return e;
        }

        static double[] gradients(NeighborList nl) {
            double[] g = new double[3 * nl.edgeCount()];
            for (int k = 0; k < nl.edgeCount(); k++) {
                double r = nl.distance(k);
                double d = nl.cutoff() - r;
                double dfdr = -1.5 * d * d; // ½ f'(r)
                for (int q = 0; q < 3; q++) {
                    g[3 * k + q] = dfdr * nl.vector(k, q) / r;
                }
            }
            return g;
        }
    }

    @Provide
    Arbitrary<Structure> structures() {
        return StructureArbitraries.structures(Options.defaults().unwrapped(true));
    }

    @Provide
    Arbitrary<Structure> structuresWithCell() {
        return StructureArbitraries.structures(Options.defaults().unwrapped(true)).filter(s -> s.cell().isPresent());
    }

    @Provide
    Arbitrary<Structure> periodicCells() {
        return StructureArbitraries.structures(Options.defaults().atoms(1, 4).periodicity(Periodicity.ANY))
            .filter(s -> s.cell().isPresent() && s.atomCount() > 0);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return StructureArbitraries.seeds();
    }

}
