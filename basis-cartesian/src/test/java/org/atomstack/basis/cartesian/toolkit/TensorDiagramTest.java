package org.atomstack.basis.cartesian.toolkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.atomstack.api.tensor.SparsePolynomial;
import org.junit.jupiter.api.Test;

class TensorDiagramTest {
    /** Table I index strings and the sorted node orders of their "Terms" column. */
    static final String[] TABLE = {"-", "0,0", "01,01", "01,12,02", "012,012", "012,013,245,345", "0,1,01", "0,1,02,12",
        "0,1,2,012", "0,1,023,123", "01,023,123", "01,02,134,234", "01,23,014,234"};
    static final int[][] TABLE_ORDERS = {{0}, {1, 1}, {2, 2}, {2, 2, 2}, {3, 3}, {3, 3, 3, 3}, {1, 1, 2}, {1, 1, 2, 2},
        {1, 1, 1, 3}, {1, 1, 3, 3}, {2, 3, 3}, {2, 2, 3, 3}, {2, 2, 3, 3}};

    @Test
    void tableIStringsParseWithTheOrdersOfTheirTermsColumn() {
        for (int k = 0; k < TABLE.length; k++) {
            TensorDiagram d = TensorDiagram.parse(TABLE[k]);
            assertArrayEquals(TABLE_ORDERS[k], d.orders(), TABLE[k]);
            assertEquals(TABLE_ORDERS[k].length, d.nodes());
        }
    }

    @Test
    void canonicalTextRoundTripsAndReproducesTableIExceptTheTriangle() {
        for (String s : TABLE) {
            TensorDiagram d = TensorDiagram.parse(s);
            assertEquals(d, TensorDiagram.parse(d.toString()), "parse(print(d)) = d for " + s);
            assertEquals(d.toString(), TensorDiagram.parse(d.toString()).toString(), "print is idempotent for " + s);
            assertEquals(s.equals("01,12,02") ? "01,02,12" : s, d.toString(), "canonical text of " + s);
        }
        for (TensorDiagram d : TensorDiagram.enumerate(4, 4)) {
            assertEquals(d, TensorDiagram.parse(d.toString()));
            assertEquals(d.toString(), TensorDiagram.parse(d.toString()).toString());
        }
    }

    /** Relabels nodes and index names at random and prints the result as a new index string. */
    private static String scramble(TensorDiagram d, SplittableRandom rng) {
        int n = d.nodes();
        if (n == 1) {
            return "-";
        }
        int[] perm = permutation(n, rng);
        List<List<Character>> factors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            factors.add(new ArrayList<>());
        }
        int[] names = permutation(d.edges(), rng);
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                for (int k = 0; k < d.multiplicity(i, j); k++) {
                    char c = TensorDiagram.INDEX_NAMES.charAt(names[e++]);
                    factors.get(perm[i]).add(c);
                    factors.get(perm[j]).add(c);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            List<Character> f = factors.get(i);
            java.util.Collections.shuffle(f, new java.util.Random(rng.nextLong()));
            if (i > 0) {
                sb.append(", ");
            }
            f.forEach(sb::append);
        }
        return sb.toString();
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Test
    void isomorphicRelabellingsHaveTheSameCanonicalForm() {
        SplittableRandom rng = new SplittableRandom(7);
        for (TensorDiagram d : TensorDiagram.enumerate(5, 3)) {
            for (int t = 0; t < 3; t++) {
                String s = scramble(d, rng);
                assertEquals(d.toString(), TensorDiagram.parse(s).toString(), "relabelled " + s);
            }
        }
    }

    /** Isomorphism by brute force over all node permutations (independent of the canonical form). */
    private static boolean isomorphic(TensorDiagram a, TensorDiagram b) {
        if (a.nodes() != b.nodes()) {
            return false;
        }
        int n = a.nodes();
        return anyPermutation(new int[n], new boolean[n], 0, a, b);
    }

    private static boolean anyPermutation(int[] p, boolean[] used, int at, TensorDiagram a, TensorDiagram b) {
        int n = p.length;
        if (at == n) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (a.multiplicity(i, j) != b.multiplicity(p[i], p[j])) {
                        return false;
                    }
                }
            }
            return true;
        }
        for (int v = 0; v < n; v++) {
            if (!used[v]) {
                used[v] = true;
                p[at] = v;
                boolean ok = anyPermutation(p, used, at + 1, a, b);
                used[v] = false;
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void enumerationIsCompleteConnectedLoopFreeAndFreeOfIsomorphs() {
        List<TensorDiagram> all = TensorDiagram.enumerate(4, 3);
        for (String s : TABLE) {
            assertTrue(all.contains(TensorDiagram.parse(s)), "Table I diagram " + s + " is enumerated");
        }
        for (int i = 0; i < all.size(); i++) {
            TensorDiagram d = all.get(i);
            assertTrue(d.nodes() <= 4 && d.maxOrder() <= 3, d.toString());
            for (int v = 0; v < d.nodes(); v++) {
                assertEquals(0, d.multiplicity(v, v));
                int deg = 0;
                for (int w = 0; w < d.nodes(); w++) {
                    deg += d.multiplicity(v, w);
                }
                assertEquals(d.order(v), deg);
            }
            for (int j = 0; j < i; j++) {
                assertFalse(isomorphic(d, all.get(j)), d + " and " + all.get(j) + " are isomorphic");
            }
        }
        // by hand: 1 node: "-"; 2 nodes: l^2 for l = 1, 2; 3 nodes with orders ≤ 2: "0,1,01", "01,02,12"
        assertEquals(List.of("-", "0,0", "01,01", "0,1,01", "01,02,12"),
            TensorDiagram.enumerate(3, 2).stream().map(TensorDiagram::toString).toList());
        // counts checked independently by brute force over all labelled multiplicity matrices,
        // deduplicated by the minimum over node permutations (scalar included)
        assertEquals(20, all.size(), "connected loop-free multigraphs, n <= 4, l <= 3");
        assertEquals(51, TensorDiagram.enumerate(4, 4).size(), "n <= 4, l <= 4");
        assertEquals(42, TensorDiagram.enumerate(5, 3).size(), "n <= 5, l <= 3");
    }

    private static double[] randomSymmetricTraceless(IrreducibleTensors t, int l, SplittableRandom rng) {
        double[] c = new double[2 * l + 1];
        for (int m = 0; m < c.length; m++) {
            c[m] = rng.nextGaussian();
        }
        return t.toArray(l, c, 0);
    }

    @Test
    void contractionAgreesWithExplicitSums() {
        SplittableRandom rng = new SplittableRandom(8);
        IrreducibleTensors t = new IrreducibleTensors(3);
        double[] v = randomSymmetricTraceless(t, 1, rng);
        double[] w = randomSymmetricTraceless(t, 1, rng);
        double[] a = randomSymmetricTraceless(t, 2, rng);
        double[] b = randomSymmetricTraceless(t, 2, rng);
        double[] c = randomSymmetricTraceless(t, 3, rng);
        double trA3 = 0;
        double vAw = 0;
        double vAbw = 0;
        double vvvC = 0;
        double aCC = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                vAw += v[i] * a[3 * i + j] * w[j];
                for (int k = 0; k < 3; k++) {
                    trA3 += a[3 * i + j] * a[3 * j + k] * a[3 * k + i];
                    vAbw += v[i] * a[3 * i + k] * b[3 * k + j] * w[j];
                    vvvC += v[i] * v[j] * v[k] * c[9 * i + 3 * j + k];
                    for (int m = 0; m < 3; m++) {
                        aCC += a[3 * i + j] * c[9 * i + 3 * k + m] * c[9 * j + 3 * k + m];
                    }
                }
            }
        }
        assertEquals(trA3, TensorDiagram.parse("01,12,02").contract(new double[][] {a, a, a}), 1e-12);
        assertEquals(vAw, TensorDiagram.parse("0,1,01").contract(new double[][] {v, w, a}), 1e-12, "channels chosen per node");
        assertEquals(vAbw, TensorDiagram.parse("0,1,02,12").contract(new double[][] {v, w, a, b}), 1e-12);
        assertEquals(vvvC, TensorDiagram.parse("0,1,2,012").contractByOrder(new double[][] {{1}, v, a, c}), 1e-12);
        assertEquals(aCC, TensorDiagram.parse("01,023,123").contractByOrder(new double[][] {{1}, v, a, c}), 1e-12);
    }

    @Test
    void contractionsAreRotationInvariant() {
        SplittableRandom rng = new SplittableRandom(9);
        IrreducibleTensors t = new IrreducibleTensors(4);
        double[][] arrays = new double[5][];
        double[][] turned = new double[5][];
        double[] rot = TestMath.rotation(rng, true);
        for (int l = 0; l <= 4; l++) {
            arrays[l] = randomSymmetricTraceless(t, l, rng);
            turned[l] = TestMath.rotateArray(l, rot, arrays[l]);
        }
        for (TensorDiagram d : TensorDiagram.enumerate(4, 4)) {
            double a = d.contractByOrder(arrays);
            assertEquals(a, d.contractByOrder(turned), 1e-10 * (1 + Math.abs(a)), d.toString());
        }
    }

    @Test
    void compiledPolynomialsAndGradientsMatchDirectContraction() {
        SplittableRandom rng = new SplittableRandom(10);
        int lmax = 4;
        IrreducibleTensors t = new IrreducibleTensors(lmax);
        double h = 1e-6;
        for (TensorDiagram d : TensorDiagram.enumerate(4, lmax)) {
            SparsePolynomial p = d.polynomial(t);
            assertEquals(1, p.outputs());
            assertEquals(t.size(), p.variables());
            for (int term = 0; term < p.terms(); term++) {
                int deg = 0;
                for (int q = 0; q < p.variables(); q++) {
                    deg += p.exponent(term, q);
                }
                assertEquals(d.nodes(), deg, "every term is a product of one coefficient per factor");
            }
            double[] x = new double[t.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian();
            }
            double direct = contract(d, t, x);
            double compiled = p.evaluate(x)[0];
            assertEquals(direct, compiled, 1e-11 * (1 + Math.abs(direct)), d.toString());
            double[] grad = p.jacobian().evaluate(x);
            for (int q = 0; q < x.length; q++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[q] += h;
                xm[q] -= h;
                double numeric = (contract(d, t, xp) - contract(d, t, xm)) / (2 * h);
                assertEquals(numeric, grad[q], 1e-6 * (1 + Math.abs(numeric)), d + " ∂/∂c_" + q);
            }
        }
    }

    private static double contract(TensorDiagram d, IrreducibleTensors t, double[] x) {
        double[][] arrays = new double[t.lmax() + 1][];
        for (int l = 0; l <= t.lmax(); l++) {
            arrays[l] = t.toArray(l, x, IrreducibleTensors.offset(l));
        }
        return d.contractByOrder(arrays);
    }

    @Test
    void nodeWiseCompilationFeedsEachNodeItsOwnTensor() {
        SplittableRandom rng = new SplittableRandom(11);
        IrreducibleTensors t = new IrreducibleTensors(3);
        TensorDiagram d = TensorDiagram.parse("0,1,023,123");
        // node 0 and 1: two different vectors; nodes 2, 3: two different l = 3 tensors
        int[] offsets = {0, 3, 6, 13};
        SparsePolynomial p = d.polynomial(t, 20, offsets);
        double[] x = new double[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        double[][] arrays = {t.toArray(1, x, 0), t.toArray(1, x, 3), t.toArray(3, x, 6), t.toArray(3, x, 13)};
        assertEquals(d.contract(arrays), p.evaluate(x)[0], 1e-12);
    }

    @Test
    void malformedTextIsRejectedQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorDiagram.parse("00,11"));
        assertTrue(e.getMessage().contains("'00,11'") && e.getMessage().contains("trace"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TensorDiagram.parse("0,0,1,1"));
        assertTrue(e.getMessage().contains("'0,0,1,1'") && e.getMessage().contains("disconnected"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TensorDiagram.parse("01,0"));
        assertTrue(e.getMessage().contains("'1' occurs 1 times"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TensorDiagram.parse("0,0,0"));
        assertTrue(e.getMessage().contains("occurs 3 times"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TensorDiagram.parse("0_,0_"));
        assertTrue(e.getMessage().contains("'_'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TensorDiagram.parse(""));
        assertTrue(e.getMessage().contains("'-'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TensorDiagram.parse("0,,0"));
        assertTrue(e.getMessage().contains("disconnected"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TensorDiagram.of(new int[][] {{0, 1}, {2, 0}}));
        assertThrows(IllegalArgumentException.class, () -> TensorDiagram.enumerate(0, 3));
    }

    @Test
    void accessorsDescribeTheGraph() {
        TensorDiagram d = TensorDiagram.parse("01,23,014,234");
        assertEquals(4, d.nodes());
        assertEquals(5, d.edges());
        assertEquals(10, d.degree());
        assertEquals(3, d.maxOrder());
        assertFalse(d.pure());
        assertTrue(TensorDiagram.parse("012,013,245,345").pure());
        assertEquals(2, d.multiplicity(0, 2));
        assertEquals(1, d.multiplicity(2, 3));
        assertNotEquals(d, TensorDiagram.parse("01,02,134,234"));
        assertEquals(0, TensorDiagram.scalar().degree());
        assertEquals("-", TensorDiagram.scalar().toString());
    }
}
