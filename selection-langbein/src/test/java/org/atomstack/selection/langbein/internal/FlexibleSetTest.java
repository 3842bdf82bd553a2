package org.atomstack.selection.langbein.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.api.stack.StackContext;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/**
 * The flexible-set search (Sec. II E 3–4) for l ≤ 3 and n ≤ 4 against Table I: candidates are
 * all 20 connected multigraphs ({@code all-l3-n4} of the {@code cartesian} descriptor, one
 * channel, so the primitives are the 16 coefficients, coefficient (l, m) at l² + l + m), tested on
 * Gaussian coefficient vectors with each single order also set to zero. Ranks in the tests are
 * SVD ranks with a checked gap (Hipparchus), independent of the selector's own test.
 */
class FlexibleSetTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.serviceLoader(FlexibleSetTest.class.getClassLoader());
    /** Table I of Allen et al. in canonical index strings ("01,12,02" prints as "01,02,12"). */
    static final List<String> TABLE_I = List.of("-", "0,0", "01,01", "01,02,12", "012,012", "012,013,245,345", "0,1,01", "0,1,02,12",
        "0,1,2,012", "0,1,023,123", "01,023,123", "01,02,134,234", "01,23,014,234");
    static final int L = 3;
    static final int P = (L + 1) * (L + 1);

    static SelectableBasis cartesian(Object invariants) {
        return REGISTRY.find(DescriptorProvider.class, "cartesian").provider()
            .create(Parameters.of("descriptor", Map.of("radial", Map.of("count", 1), "invariants", invariants)),
                StackContext.of(new int[] {42}, 1, REGISTRY, null))
            .selectable().orElseThrow();
    }

    static List<String> diagrams(SelectableBasis b, int[] indices) {
        return IntStream.of(indices).mapToObj(k -> b.labels().get(k).substring(b.labels().get(k).indexOf('|') + 1)).toList();
    }

    static List<Object> singleOrders() {
        List<Object> v = new ArrayList<>();
        for (int l = 0; l <= L; l++) {
            v.add(List.of(l * l, (l + 1) * (l + 1)));
        }
        return v;
    }

    /** Jacobian rows of {@code basis} at x with order {@code zero} (or none, -1) set to zero, without its columns. */
    static double[][] jacobian(SelectableBasis basis, double[] x0, int zero) {
        double[] x = x0.clone();
        int from = zero < 0 ? 0 : zero * zero;
        int to = zero < 0 ? 0 : (zero + 1) * (zero + 1);
        Arrays.fill(x, from, to, 0);
        double[] values = new double[basis.size()];
        double[] jac = new double[basis.size() * P];
        basis.evaluate(x, values, jac);
        double[][] rows = new double[basis.size()][];
        for (int k = 0; k < basis.size(); k++) {
            double[] r = new double[P - (to - from)];
            int c = 0;
            for (int i = 0; i < P; i++) {
                if (i < from || i >= to) {
                    r[c++] = jac[k * P + i];
                }
            }
            rows[k] = r;
        }
        return rows;
    }

    static int rank(double[][] rows) {
        if (rows.length == 0) {
            return 0;
        }
        double[] s = new SingularValueDecomposition(MatrixUtils.createRealMatrix(rows)).getSingularValues();
        int r = (int) Arrays.stream(s).filter(v -> v > 1e-9 * s[0]).count();
        if (r < s.length) {
            assertTrue(s[r] < 1e-12 * s[0] && s[r - 1] > 1e-6 * s[0], "no clear rank gap: " + Arrays.toString(s));
        }
        return r;
    }

    static double[][] stack(double[][] a, double[][] b) {
        double[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void theSearchFindsTableIPlusTheOneInvariantItLacksWhenL2Vanishes() {
        SelectableBasis all = cartesian("all-l3-n4");
        assertEquals(20, all.size());
        LangbeinSelector sel = (LangbeinSelector) new LangbeinSelectorProvider().create(Parameters.of("selector", Map.of("samples", 4,
            "order", "index", "primitives", "gaussian", "vanishing", singleOrders(), "prune", true)), StackContext.of(new int[] {1}, 1, REGISTRY, null));
        BasisSelection s = sel.select(all);
        List<String> found = diagrams(all, s.indices());
        assertEquals(14, found.size(), found.toString());
        assertTrue(found.containsAll(TABLE_I), found.toString());
        List<String> extra = new ArrayList<>(found);
        extra.removeAll(TABLE_I);
        assertEquals(List.of("0,012,134,234"), extra);
        // Ranks per pattern (none, l = 0, 1, 2, 3 vanishing) at every point: the ranks of all 20 candidates.
        for (int t = 0; t < 4; t++) {
            assertArrayEquals(new int[] {13, 12, 8, 7, 6}, Arrays.copyOfRange(s.sampleRanks(), 5 * t, 5 * t + 5));
        }
    }

    @Test
    void tableIAndTheSearchedSetSpanTheSameRowSpaceGenericallyButNotWhenL2Vanishes() {
        SelectableBasis all = cartesian("all-l3-n4");
        SelectableBasis table = cartesian("flexible-l3-n4");
        List<String> searched = new ArrayList<>(TABLE_I);
        searched.add("0,012,134,234");
        SelectableBasis found = cartesian(searched);
        assertEquals(TABLE_I, diagrams(table, IntStream.range(0, 13).toArray()));
        SplittableRandom rng = new SplittableRandom(2025);
        int[] complete = {13, 12, 10, 8, 6};
        int[] reachable = {13, 12, 8, 7, 6};
        int[] tableRanks = {13, 12, 8, 6, 6};
        for (int t = 0; t < 3; t++) {
            double[] x = rng.doubles(P).map(u -> u - 0.5).toArray();
            for (int zero = -1; zero <= L; zero++) {
                double[][] a = jacobian(table, x, zero);
                double[][] b = jacobian(found, x, zero);
                int g = zero + 1;
                assertEquals(reachable[g], rank(jacobian(all, x, zero)), "all 20 candidates, order " + zero + " vanishing");
                assertEquals(tableRanks[g], rank(a), "Table I, order " + zero + " vanishing");
                assertEquals(reachable[g], rank(b), "searched set, order " + zero + " vanishing");
                assertEquals(rank(b), rank(stack(a, b)), "Table I's gradients lie in the span of the searched set's");
                assertTrue(reachable[g] <= complete[g]);
            }
            // Generically the two sets span the same 13-dimensional row space: functionally equivalent.
            double[][] a = jacobian(table, x, -1);
            double[][] b = jacobian(found, x, -1);
            assertEquals(13, rank(stack(a, b)));
        }
    }

    @Test
    void noThirteenOfTheTwentyCandidatesReachEveryRankSoFourteenIsTheMinimum() {
        // Exhaustive over the C(20, 13) = 77 520 subsets, with the selector's own rank test on
        // equilibrated rows at one Gaussian point; the most restrictive pattern (l = 2) first.
        SelectableBasis all = cartesian("all-l3-n4");
        double[] x = new SplittableRandom(7).doubles(P).map(u -> u - 0.5).toArray();
        int[] order = {2, 1, -1, 0, 3};
        int[] need = {7, 8, 13, 12, 6};
        double[][][] rows = new double[order.length][][];
        for (int q = 0; q < order.length; q++) {
            rows[q] = jacobian(all, x, order[q]);
            for (double[] r : rows[q]) {
                double n = Math.sqrt(Arrays.stream(r).map(v -> v * v).sum());
                for (int i = 0; i < r.length && n > 0; i++) {
                    r[i] /= n;
                }
            }
        }
        int[] subset = IntStream.range(0, 13).toArray();
        long tested = 0;
        int flexible = 0;
        do {
            tested++;
            boolean ok = true;
            for (int q = 0; q < order.length && ok; q++) {
                IncrementalRank r = new IncrementalRank(rows[q][0].length, 1e-8);
                for (int k : subset) {
                    r.offer(rows[q][k], 0);
                }
                ok = r.rank() >= need[q];
            }
            if (ok) {
                flexible++;
            }
        } while (next(subset, 20));
        assertEquals(77_520, tested);
        assertEquals(0, flexible);
    }

    /** The next k-subset of 0..n-1 in lexicographic order; false after the last. */
    private static boolean next(int[] s, int n) {
        int k = s.length;
        int i = k - 1;
        while (i >= 0 && s[i] == n - k + i) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        s[i]++;
        for (int j = i + 1; j < k; j++) {
            s[j] = s[j - 1] + 1;
        }
        return true;
    }
}
