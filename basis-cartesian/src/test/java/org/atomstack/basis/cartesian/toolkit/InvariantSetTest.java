package org.atomstack.basis.cartesian.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flexible set of Table I: its content, the identities of Eqs. 16 and 18, its functional
 * rank, and its flexibility when one tensor order vanishes. Ranks are numerical ranks of the
 * K × P Jacobian by Hipparchus' SVD (singular values above {@link TestMath#RANK_TOLERANCE} ·
 * σ_max), each with a checked gap of at least six orders of magnitude around the tolerance.
 * (Hipparchus' RRQRDecomposition is not used: it pivots on full column norms, which the
 * Householder steps leave unchanged, so its R diagonal does not reveal the rank of the
 * rank-deficient Jacobians met here.)
 */
class InvariantSetTest {
    private static final InvariantSet FLEXIBLE = InvariantSet.flexible();

    private static double[] randomCoefficients(int p, SplittableRandom rng) {
        double[] x = new double[p];
        for (int i = 0; i < p; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    @Test
    void theBuiltInSetIsTableI() {
        assertEquals(13, FLEXIBLE.size());
        assertEquals(3, FLEXIBLE.lmax());
        assertEquals(16, FLEXIBLE.variables());
        for (int k = 0; k < 13; k++) {
            assertEquals(TensorDiagram.parse(TensorDiagramTest.TABLE[k]), FLEXIBLE.diagrams().get(k), "entry " + k);
        }
        assertEquals("01,02,12", FLEXIBLE.labels().get(3), "labels are canonical index strings");
        int[] degrees = FLEXIBLE.diagrams().stream().mapToInt(TensorDiagram::degree).toArray();
        assertEquals(12, Arrays.stream(degrees).max().orElseThrow(), "total polynomial order m = 12");
        long pure = FLEXIBLE.diagrams().stream().filter(TensorDiagram::pure).count();
        assertEquals(6, pure, "scalar + five pure invariants; seven mixed");
        assertEquals(FLEXIBLE.labels(), InvariantSet.builtin(InvariantSet.FLEXIBLE).labels());
    }

    @Test
    void compiledSetMatchesDirectContractionWithGradients() {
        SplittableRandom rng = new SplittableRandom(21);
        int p = FLEXIBLE.variables();
        int k = FLEXIBLE.size();
        double[] values = new double[k];
        double[] jac = new double[k * p];
        double h = 1e-6;
        for (int trial = 0; trial < 5; trial++) {
            double[] x = randomCoefficients(p, rng);
            FLEXIBLE.evaluate(x, 0, values, 0, jac, 0);
            double[] direct = FLEXIBLE.contract(x, 0);
            double[] poly = FLEXIBLE.polynomial().evaluate(x);
            double[] plain = new double[k];
            FLEXIBLE.evaluate(x, 0, plain, 0);
            for (int i = 0; i < k; i++) {
                assertEquals(direct[i], values[i], 1e-12 * (1 + Math.abs(direct[i])), FLEXIBLE.labels().get(i));
                assertEquals(poly[i], values[i], 1e-12 * (1 + Math.abs(poly[i])));
                assertEquals(values[i], plain[i], 0.0);
            }
            double[] jp = FLEXIBLE.polynomial().jacobian().evaluate(x);
            for (int q = 0; q < p; q++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[q] += h;
                xm[q] -= h;
                double[] vp = FLEXIBLE.contract(xp, 0);
                double[] vm = FLEXIBLE.contract(xm, 0);
                for (int i = 0; i < k; i++) {
                    double numeric = (vp[i] - vm[i]) / (2 * h);
                    assertEquals(numeric, jac[i * p + q], 1e-6 * (1 + Math.abs(numeric)), "∂I_" + i + "/∂c_" + q);
                    assertEquals(jp[i * p + q], jac[i * p + q], 1e-12 * (1 + Math.abs(numeric)));
                }
            }
        }
    }

    @Test
    void equation16TraceOfTheFourthPowerIsHalfTheSquaredNorm() {
        // I = Σ f_ab f_ab, K = Σ f_ab f_bc f_cd f_da for a traceless symmetric l = 2 tensor
        InvariantSet s = InvariantSet.parse("01,01\n01,12,23,03\n", "eq16");
        SplittableRandom rng = new SplittableRandom(16);
        for (int trial = 0; trial < 10; trial++) {
            double[] x = randomCoefficients(s.variables(), rng);
            double[] v = new double[2];
            s.evaluate(x, 0, v, 0);
            assertEquals(0.5 * v[0] * v[0], v[1], 1e-12 * v[1], "K = I²/2");
        }
    }

    @Test
    void equation18TheTwoQuarticL3GraphsSumToHalfTheSquaredNorm() {
        // the only connected cubic multigraphs on four nodes: K4 and the square with two doubled
        // opposite sides (Table I entry 5); together with the l = 3 norm they satisfy Eq. 18
        InvariantSet s = InvariantSet.parse("012,012\n012,034,135,245\n012,013,245,345\n", "eq18");
        List<String> quartics = TensorDiagram.enumerate(4, 3).stream()
            .filter(d -> d.nodes() == 4 && d.pure() && d.maxOrder() == 3).map(TensorDiagram::toString).toList();
        assertEquals(java.util.Set.of(s.labels().get(1), s.labels().get(2)), java.util.Set.copyOf(quartics));
        assertEquals(2, quartics.size());
        SplittableRandom rng = new SplittableRandom(18);
        double[][] samples = new double[12][];
        for (int trial = 0; trial < samples.length; trial++) {
            double[] x = randomCoefficients(s.variables(), rng);
            double[] v = new double[3];
            s.evaluate(x, 0, v, 0);
            assertEquals(0.5 * v[0] * v[0], v[1] + v[2], 1e-12 * (v[0] * v[0]), "K4 + D = I²/2");
            samples[trial] = new double[] {v[1], v[2], v[0] * v[0]};
        }
        assertEquals(2, TestMath.rank(samples, TestMath.RANK_TOLERANCE), "the relation is the only linear one among K4, D and I²");
    }

    private static double[][] jacobian(InvariantSet s, double[] x, int[] columns) {
        int p = s.variables();
        double[] values = new double[s.size()];
        double[] jac = new double[s.size() * p];
        s.evaluate(x, 0, values, 0, jac, 0);
        double[][] out = new double[s.size()][columns.length];
        for (int k = 0; k < s.size(); k++) {
            for (int c = 0; c < columns.length; c++) {
                out[k][c] = jac[k * p + columns[c]];
            }
        }
        return out;
    }

    /**
     * Numerical rank by SVD with a clear gap: the singular values counted are above 1e-6 σ_max
     * and the rest below 1e-12 σ_max, so any relative tolerance in between (the documented one
     * is {@link TestMath#RANK_TOLERANCE}) gives the same rank.
     */
    static int gappedRank(double[][] m) {
        double[] sv = TestMath.singularValues(m);
        int rank = TestMath.rank(m, TestMath.RANK_TOLERANCE);
        if (rank > 0) {
            assertTrue(sv[rank - 1] > 1e-6 * sv[0], "smallest counted singular value is not clearly non-zero: " + Arrays.toString(sv));
        }
        if (rank < sv.length) {
            assertTrue(sv[rank] < 1e-12 * sv[0], "largest dropped singular value is not clearly zero: " + Arrays.toString(sv));
        }
        return rank;
    }

    /** Rank of the Jacobian w.r.t. the coefficients of the kept orders, the others set to zero. */
    static int rankWithout(InvariantSet s, int dropped, SplittableRandom rng) {
        double[] x = randomCoefficients(s.variables(), rng);
        List<Integer> keep = new ArrayList<>();
        for (int q = 0; q < s.variables(); q++) {
            if (s.tensors().orderOf(q) == dropped) {
                x[q] = 0;
            } else {
                keep.add(q);
            }
        }
        return gappedRank(jacobian(s, x, keep.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Test
    void theThirteenInvariantsHaveFullFunctionalRankSixteenMinusThree() {
        SplittableRandom rng = new SplittableRandom(13);
        int[] all = new int[16];
        for (int q = 0; q < 16; q++) {
            all[q] = q;
        }
        for (int trial = 0; trial < 5; trial++) {
            double[][] j = jacobian(FLEXIBLE, randomCoefficients(16, rng), all);
            assertEquals(13, gappedRank(j), "rank of the 13 × 16 Jacobian: " + Arrays.toString(TestMath.singularValues(j)));
        }
    }

    /**
     * Flexibility: with the tensor of one order l set to zero, the remaining coefficients carry
     * (remaining coefficients − 3) invariant degrees of freedom (a generic l ≥ 2 tensor is fixed
     * by no rotation). Table I reaches that count when l = 0 or l = 3 vanishes, but not when
     * l = 1 or l = 2 vanishes: its invariants free of l = 1 are only 8 (of 10 needed), those
     * free of l = 2 only 6 (of 8). The reason is the cut n ≤ 4 (polynomial order ≤ 12): for a
     * single l = 3 tensor only two pure invariants survive it (012,012 and the square; K4 is
     * tied to them by Eq. 18), against the 2l − 2 = 4 needed.
     */
    @Test
    void flexibilityWhenOneOrderVanishes() {
        SplittableRandom rng = new SplittableRandom(14);
        int[] coefficients = {1, 3, 5, 7};
        for (int trial = 0; trial < 3; trial++) {
            int[] measured = new int[4];
            int[] expected = new int[4];
            int[] surviving = new int[4];
            for (int l = 0; l <= 3; l++) {
                measured[l] = rankWithout(FLEXIBLE, l, rng);
                expected[l] = 16 - coefficients[l] - 3;
                final int dropped = l;
                surviving[l] = (int) FLEXIBLE.diagrams().stream().filter(d -> Arrays.stream(d.orders()).noneMatch(o -> o == dropped)).count();
            }
            assertEquals(List.of(12, 10, 8, 6), Arrays.stream(expected).boxed().toList(), "degrees of freedom left");
            assertEquals(List.of(12, 8, 6, 6), Arrays.stream(surviving).boxed().toList(), "invariants free of the vanished order");
            assertEquals(List.of(12, 8, 6, 6), Arrays.stream(measured).boxed().toList(), "ranks: the surviving invariants stay independent");
        }
    }

    /**
     * The shortfall is not Table I's choice but the cut n ≤ 4: all 20 connected diagrams with
     * n ≤ 4, l ≤ 3 reach ranks 12, 8, 7, 6 with l = 0, 1, 2, 3 vanished (needed 12, 10, 8, 6);
     * all 42 with n ≤ 5 reach 12, 10, 7, 6; all 110 with n ≤ 6 reach 12, 10, 8, 6, the full
     * count. So flexibility against a vanishing l = 1 tensor needs five factors, against a
     * vanishing l = 2 tensor six (the pure l = 3 invariants of six factors).
     */
    @Test
    void flexibilityNeedsFiveFactorsWithoutLOneAndSixWithoutLTwo() {
        int[][] expected = {{12, 8, 7, 6}, {12, 10, 7, 6}, {12, 10, 8, 6}};
        int[] counts = {20, 42, 110};
        for (int n = 4; n <= 6; n++) {
            InvariantSet candidates = InvariantSet.of(TensorDiagram.enumerate(n, 3));
            assertEquals(counts[n - 4], candidates.size(), "connected diagrams with n <= " + n + ", l <= 3");
            SplittableRandom rng = new SplittableRandom(15 + n);
            int[] measured = new int[4];
            for (int l = 0; l <= 3; l++) {
                measured[l] = rankWithout(candidates, l, rng);
            }
            assertEquals(Arrays.stream(expected[n - 4]).boxed().toList(), Arrays.stream(measured).boxed().toList(), "ranks with order l vanished, n <= " + n);
            assertEquals(13, gappedRank(jacobian(candidates, randomCoefficients(16, rng), java.util.stream.IntStream.range(0, 16).toArray())));
        }
    }

    /**
     * The further built-in flexible sets (found by the Langbein search of selection-langbein,
     * {@code atomstack flexible-set}) are complete at a generic point and whenever any single
     * order vanishes — rank (L+1)² − 3, resp. (L+1)² − (2l+1) − 3 — and inclusion-minimal: without
     * any one member the rank drops for at least one of these patterns.
     */
    @Test
    void theSearchedFlexibleSetsAreCompleteWhenAnySingleOrderVanishesAndMinimal() {
        Map<String, int[]> expected = Map.of("flexible-l3-n6", new int[] {3, 17, 6}, "flexible-l4-n4", new int[] {4, 30, 4},
            "flexible-l5-n4", new int[] {5, 52, 4});
        assertEquals(expected.keySet(), new java.util.HashSet<>(InvariantSet.FLEXIBLE_SETS));
        for (String name : InvariantSet.FLEXIBLE_SETS) {
            InvariantSet set = InvariantSet.builtin(name);
            int lmax = expected.get(name)[0];
            int p = (lmax + 1) * (lmax + 1);
            assertEquals(lmax, set.lmax(), name);
            assertEquals(expected.get(name)[1], set.size(), name);
            assertEquals(expected.get(name)[2], set.diagrams().stream().mapToInt(TensorDiagram::nodes).max().orElseThrow(), name);
            SplittableRandom rng = new SplittableRandom(31);
            // Pattern -1: nothing vanishes; pattern l: order l vanishes.
            List<double[][]> jacobians = new ArrayList<>();
            for (int dropped = -1; dropped <= lmax; dropped++) {
                double[] x = randomCoefficients(p, rng);
                List<Integer> keep = new ArrayList<>();
                for (int q = 0; q < p; q++) {
                    if (set.tensors().orderOf(q) == dropped) {
                        x[q] = 0;
                    } else {
                        keep.add(q);
                    }
                }
                double[][] j = jacobian(set, x, keep.stream().mapToInt(Integer::intValue).toArray());
                int complete = keep.size() - 3;
                assertEquals(complete, gappedRank(j), name + ", order " + dropped + " vanishing");
                jacobians.add(j);
            }
            for (int k = 0; k < set.size(); k++) {
                boolean needed = false;
                for (int q = 0; q < jacobians.size() && !needed; q++) {
                    double[][] j = jacobians.get(q);
                    double[][] without = new double[j.length - 1][];
                    for (int r = 0, c = 0; r < j.length; r++) {
                        if (r != k) {
                            without[c++] = j[r];
                        }
                    }
                    needed |= gappedRank(without) < j[0].length - 3;
                }
                assertTrue(needed, name + ": '" + set.labels().get(k) + "' is not needed for any pattern");
            }
        }
        assertEquals(51, InvariantSet.builtin("all-l4-n4").size());
        assertEquals(TensorDiagram.enumerate(4, 3), InvariantSet.builtin("all-l3-n4").diagrams());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InvariantSet.builtin("all-l9-n4"));
        assertTrue(e.getMessage().contains("'all-l9-n4'"), e.getMessage());
    }

    @Test
    void normsAndBuiltInNames() {
        InvariantSet n3 = InvariantSet.norms(3);
        assertEquals(List.of("-", "0,0", "01,01", "012,012"), n3.labels());
        assertEquals(n3.labels(), InvariantSet.builtin("norms-l3").labels());
        double[] x = randomCoefficients(16, new SplittableRandom(3));
        double[] v = new double[4];
        n3.evaluate(x, 0, v, 0);
        assertEquals(x[0], v[0], 1e-15);
        for (int l = 1; l <= 3; l++) {
            double s = 0;
            for (int m = 0; m < 2 * l + 1; m++) {
                s += x[l * l + m] * x[l * l + m];
            }
            assertEquals(s, v[l], 1e-12, "|E^" + l + "|² = Σ_m c_m²");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InvariantSet.builtin("flexible"));
        assertTrue(e.getMessage().contains("'flexible'"), e.getMessage());
    }

    @Test
    void textFilesLoadAndRoundTrip(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mine.txt");
        Files.writeString(f, "# my set\n\n0,0   # v.v\n01,12,02\n0,1,01\n");
        InvariantSet s = InvariantSet.load(f);
        assertEquals(List.of("0,0", "01,02,12", "0,1,01"), s.labels());
        assertEquals(2, s.lmax());
        assertEquals(s.labels(), InvariantSet.parse(s.toText(), "again").labels());
        assertEquals(FLEXIBLE.labels(), InvariantSet.parse(FLEXIBLE.toText(), "flexible").labels());
        Files.writeString(f, "0,0\n01,11\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InvariantSet.load(f));
        assertTrue(e.getMessage().contains("mine.txt:2") && e.getMessage().contains("'01,11'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InvariantSet.parse("0,0\n01,01\n1,1\n", "dup"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InvariantSet.parse("# nothing\n", "empty"));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
