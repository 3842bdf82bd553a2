package org.atomstack.basis.cartesian.toolkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atomstack.api.tensor.SparsePolynomial;

/**
 * A rotation invariant formed by fully contracting symmetric traceless tensors, seen as a
 * multigraph (a tensor or Penrose diagram, Sec. II E 2 of Allen et al.): every node is one
 * tensor factor, every edge one contracted index pair, so the order l of a node's tensor is its
 * degree. Self-loops are excluded (a self-contraction is a trace and vanishes for traceless
 * tensors) and so are disconnected graphs (they are products of smaller invariants). The single
 * node of order 0 is the scalar invariant, the l = 0 channel itself.
 *
 * <p><b>Text form</b> (Table I of the paper): one string of index names per factor, factors
 * separated by commas; each index name occurs in exactly two factors and is summed over; the
 * scalar is {@code "-"}. So {@code "0,0"} is v·v for a vector v, {@code "01,01"} is the
 * squared Frobenius norm of an l = 2 tensor and {@code "01,12,02"} is Tr(T T T). Index names
 * are the characters {@code 0-9 a-z A-Z} (at most 62 edges); {@link #parse} accepts any
 * numbering, {@link #toString} prints the canonical one, so print ∘ parse is idempotent and
 * parse ∘ print is the identity.
 *
 * <p><b>Canonical form.</b> Nodes are sorted by ascending order; among the orderings of nodes of
 * equal order, the one whose upper-triangular multiplicity sequence m(0,1), m(0,2), …, m(0,n−1),
 * m(1,2), … is lexicographically largest is chosen (exhaustive over those orderings, at most
 * {@link #MAX_NODES} nodes). Edges are then numbered in that row-major pair order and every
 * factor lists its index names in ascending order. Two diagrams are isomorphic exactly when
 * their canonical texts agree; {@link #equals} compares them. Node i of every method below is
 * node i of the canonical form.
 *
 * <p><b>Evaluation.</b> {@link #contract} contracts full Cartesian arrays (one per node, in any
 * combination of channels the caller chooses) by eliminating nodes one after another, each
 * step a small einsum over the open edges; {@link #polynomial} compiles the invariant into a
 * polynomial of the orthonormal coefficients of {@link IrreducibleTensors} by expanding every
 * node tensor as Σ_m c_m E^l_m and contracting the basis arrays.
 *
 * <p>Immutable and thread-safe.
 */
public final class TensorDiagram {
    /** Largest number of nodes (factors). */
    public static final int MAX_NODES = 8;
    /** Index names in the order used by the canonical text. */
    public static final String INDEX_NAMES = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final int n;
    private final int[] orders;
    private final int[] mult;
    private final int edges;
    private final String text;
    /** Elimination plan: nodes in contraction order, and the einsum index tables per step. */
    private final int[] planNode;
    private final Step[] steps;

    /** One contraction step: next[r] = Σ_s cur[curR[r] + curS[s]] · node[nodeR[r] + nodeS[s]]. */
    private record Step(int resultSize, int[] curR, int[] nodeR, int[] curS, int[] nodeS) {
    }

    private TensorDiagram(int[] orders, int[] mult) {
        this.n = orders.length;
        this.orders = orders;
        this.mult = mult;
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                e += mult[i * n + j];
            }
        }
        if (e > INDEX_NAMES.length()) {
            throw new IllegalArgumentException("tensor diagram with " + e + " edges exceeds the " + INDEX_NAMES.length() + " index names");
        }
        this.edges = e;
        int[][] incident = incidentEdges();
        this.text = format(incident);
        this.planNode = eliminationOrder();
        this.steps = plan(incident);
    }

    // ------------------------------------------------------------------ construction

    /**
     * The scalar invariant: one node of order 0, text {@code "-"}.
     *
     * @return the scalar diagram
     */
    public static TensorDiagram scalar() {
        return new TensorDiagram(new int[] {0}, new int[] {0});
    }

    /**
     * The diagram of a symmetric multiplicity matrix (any node numbering).
     *
     * @param multiplicities n × n, symmetric, zero diagonal, non-negative; m[i][j] = number of
     *                       indices contracted between factors i and j
     * @return the canonical diagram
     * @throws IllegalArgumentException when the matrix is not such a matrix, has more than
     *                                  {@link #MAX_NODES} nodes, or the graph is disconnected
     */
    public static TensorDiagram of(int[][] multiplicities) {
        int size = multiplicities.length;
        if (size < 1 || size > MAX_NODES) {
            throw new IllegalArgumentException("a tensor diagram needs 1.." + MAX_NODES + " nodes, got " + size);
        }
        int[] m = new int[size * size];
        for (int i = 0; i < size; i++) {
            if (multiplicities[i].length != size) {
                throw new IllegalArgumentException("multiplicity matrix must be square: row " + i + " has " + multiplicities[i].length + " entries, expected " + size);
            }
            for (int j = 0; j < size; j++) {
                int v = multiplicities[i][j];
                if (v < 0) {
                    throw new IllegalArgumentException("negative multiplicity " + v + " at (" + i + ", " + j + ")");
                }
                if (v != multiplicities[j][i]) {
                    throw new IllegalArgumentException("multiplicity matrix is not symmetric at (" + i + ", " + j + "): " + v + " vs " + multiplicities[j][i]);
                }
                if (i == j && v != 0) {
                    throw new IllegalArgumentException("self-loop at node " + i + ": a self-contraction is a trace, which vanishes for traceless tensors");
                }
                m[i * size + j] = v;
            }
        }
        if (!connected(size, m)) {
            throw new IllegalArgumentException("disconnected diagram " + Arrays.deepToString(multiplicities)
                + ": it is a product of smaller invariants; give the connected factors separately");
        }
        return canonical(size, m);
    }

    /**
     * Parses the text form, e.g. {@code "01,12,02"} or {@code "-"} (any index numbering).
     *
     * @param indices the index strings of the factors, comma-separated; whitespace is ignored
     * @return the canonical diagram
     * @throws IllegalArgumentException quoting the text when it is malformed, contains a
     *                                  self-contraction, or is disconnected
     */
    public static TensorDiagram parse(String indices) {
        String s = indices.replaceAll("\\s+", "");
        if (s.equals("-")) {
            return scalar();
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty tensor diagram; the scalar invariant is written '-'");
        }
        String[] factors = s.split(",", -1);
        if (factors.length > MAX_NODES) {
            throw new IllegalArgumentException("tensor diagram '" + indices + "' has " + factors.length + " factors, at most " + MAX_NODES + " allowed");
        }
        Map<Character, List<Integer>> where = new LinkedHashMap<>();
        for (int f = 0; f < factors.length; f++) {
            for (char c : factors[f].toCharArray()) {
                if (INDEX_NAMES.indexOf(c) < 0) {
                    throw new IllegalArgumentException("tensor diagram '" + indices + "': index name '" + c + "' is not one of 0-9, a-z, A-Z");
                }
                where.computeIfAbsent(c, k -> new ArrayList<>()).add(f);
            }
        }
        int size = factors.length;
        int[][] m = new int[size][size];
        for (Map.Entry<Character, List<Integer>> e : where.entrySet()) {
            List<Integer> at = e.getValue();
            if (at.size() != 2) {
                throw new IllegalArgumentException("tensor diagram '" + indices + "': index '" + e.getKey() + "' occurs " + at.size()
                    + " times; every index must be shared by exactly two factors");
            }
            int a = at.get(0);
            int b = at.get(1);
            if (a == b) {
                throw new IllegalArgumentException("tensor diagram '" + indices + "': index '" + e.getKey() + "' occurs twice in factor '" + factors[a]
                    + "'; a self-contraction is a trace, which vanishes for traceless tensors");
            }
            m[a][b]++;
            m[b][a]++;
        }
        try {
            return of(m);
        } catch (IllegalArgumentException ex) {
            if (ex.getMessage().startsWith("disconnected")) {
                throw new IllegalArgumentException("tensor diagram '" + indices + "' is disconnected: it is a product of smaller invariants; give the connected factors separately", ex);
            }
            throw new IllegalArgumentException("tensor diagram '" + indices + "': " + ex.getMessage(), ex);
        }
    }

    /**
     * All connected diagrams without self-loops with 1..maxNodes nodes and node orders 1..lmax
     * (plus the scalar), up to isomorphism. Sorted by number of nodes, then polynomial degree
     * Σ l, then the sorted node orders, then canonical text. The search backtracks over all
     * labelled multiplicity matrices of every degree sequence, so its cost grows quickly with
     * both bounds (n ≤ 6, l ≤ 3 takes well under a second).
     *
     * @param maxNodes largest number of factors, 1 ≤ maxNodes ≤ {@link #MAX_NODES}
     * @param lmax     largest order of a factor, ≥ 0
     * @return the diagrams
     * @throws IllegalArgumentException quoting the bounds when out of range
     */
    public static List<TensorDiagram> enumerate(int maxNodes, int lmax) {
        if (maxNodes < 1 || maxNodes > MAX_NODES) {
            throw new IllegalArgumentException("enumerate: maxNodes must be in 1.." + MAX_NODES + ", got " + maxNodes);
        }
        if (lmax < 0) {
            throw new IllegalArgumentException("enumerate: lmax must be >= 0, got " + lmax);
        }
        Map<String, TensorDiagram> found = new LinkedHashMap<>();
        TensorDiagram s = scalar();
        found.put(s.text, s);
        for (int size = 2; size <= maxNodes && lmax >= 1; size++) {
            int[] ord = new int[size];
            orderSequences(ord, 0, 1, lmax, found);
        }
        List<TensorDiagram> out = new ArrayList<>(found.values());
        out.sort(ORDERING);
        return out;
    }

    /** Ordering of {@link #enumerate}: nodes, degree, orders, text. */
    private static final Comparator<TensorDiagram> ORDERING = Comparator.comparingInt(TensorDiagram::nodes)
        .thenComparingInt(TensorDiagram::degree)
        .thenComparing(TensorDiagram::orders, Arrays::compare)
        .thenComparing(TensorDiagram::toString);

    private static void orderSequences(int[] ord, int at, int from, int lmax, Map<String, TensorDiagram> found) {
        if (at == ord.length) {
            int sum = 0;
            for (int o : ord) {
                sum += o;
            }
            if (sum % 2 == 0) {
                int size = ord.length;
                graphs(size, new int[size * size], ord.clone(), 0, 1, found);
            }
            return;
        }
        for (int l = from; l <= lmax; l++) {
            ord[at] = l;
            orderSequences(ord, at + 1, l, lmax, found);
        }
    }

    /** Backtracks over the upper-triangle pair (i, j) with remaining degrees {@code rem}. */
    private static void graphs(int size, int[] m, int[] rem, int i, int j, Map<String, TensorDiagram> found) {
        if (i == size - 1) {
            if (rem[i] == 0 && connected(size, m)) {
                TensorDiagram d = canonical(size, m.clone());
                found.putIfAbsent(d.text, d);
            }
            return;
        }
        int max = Math.min(rem[i], rem[j]);
        for (int v = 0; v <= max; v++) {
            if (j == size - 1 && rem[i] - v != 0) {
                continue;
            }
            m[i * size + j] = v;
            m[j * size + i] = v;
            rem[i] -= v;
            rem[j] -= v;
            if (j == size - 1) {
                graphs(size, m, rem, i + 1, i + 2, found);
            } else {
                graphs(size, m, rem, i, j + 1, found);
            }
            rem[i] += v;
            rem[j] += v;
        }
        m[i * size + j] = 0;
        m[j * size + i] = 0;
    }

    private static boolean connected(int size, int[] m) {
        boolean[] seen = new boolean[size];
        int[] stack = new int[size];
        int top = 0;
        stack[top++] = 0;
        seen[0] = true;
        int count = 1;
        while (top > 0) {
            int v = stack[--top];
            for (int w = 0; w < size; w++) {
                if (!seen[w] && m[v * size + w] > 0) {
                    seen[w] = true;
                    count++;
                    stack[top++] = w;
                }
            }
        }
        return count == size;
    }

    private static TensorDiagram canonical(int size, int[] m) {
        int[] deg = new int[size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                deg[i] += m[i * size + j];
            }
        }
        Integer[] byOrder = new Integer[size];
        for (int i = 0; i < size; i++) {
            byOrder[i] = i;
        }
        Arrays.sort(byOrder, Comparator.comparingInt(i -> deg[i]));
        int[] orders = new int[size];
        for (int i = 0; i < size; i++) {
            orders[i] = deg[byOrder[i]];
        }
        int[] best = new int[size];
        int[][] bestKey = {null};
        int[] perm = new int[size];
        boolean[] used = new boolean[size];
        search(size, m, orders, deg, perm, used, 0, best, bestKey);
        int[] cm = new int[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                cm[i * size + j] = m[best[i] * size + best[j]];
            }
        }
        return new TensorDiagram(orders, cm);
    }

    /** Exhaustive search over orderings within classes of equal order for the largest key. */
    private static void search(int size, int[] m, int[] orders, int[] deg, int[] perm, boolean[] used, int at, int[] best, int[][] bestKey) {
        if (at == size) {
            int[] key = new int[size * (size - 1) / 2];
            int k = 0;
            for (int i = 0; i < size; i++) {
                for (int j = i + 1; j < size; j++) {
                    key[k++] = m[perm[i] * size + perm[j]];
                }
            }
            if (bestKey[0] == null || Arrays.compare(key, bestKey[0]) > 0) {
                bestKey[0] = key;
                System.arraycopy(perm, 0, best, 0, size);
            }
            return;
        }
        for (int v = 0; v < size; v++) {
            if (!used[v] && deg[v] == orders[at]) {
                used[v] = true;
                perm[at] = v;
                search(size, m, orders, deg, perm, used, at + 1, best, bestKey);
                used[v] = false;
            }
        }
    }

    /** Edge ids per node, ascending: edges numbered by row-major pairs (i &lt; j), repeated. */
    private int[][] incidentEdges() {
        List<List<Integer>> inc = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inc.add(new ArrayList<>());
        }
        int id = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                for (int k = 0; k < mult[i * n + j]; k++) {
                    inc.get(i).add(id);
                    inc.get(j).add(id);
                    id++;
                }
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = inc.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    private String format(int[][] incident) {
        if (n == 1) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            for (int e : incident[i]) {
                sb.append(INDEX_NAMES.charAt(e));
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ accessors

    /**
     * Number of nodes (tensor factors).
     *
     * @return n
     */
    public int nodes() {
        return n;
    }

    /**
     * Number of edges (contracted index pairs), half the polynomial degree.
     *
     * @return the edge count
     */
    public int edges() {
        return edges;
    }

    /**
     * Order (degree) of node i of the canonical form; orders ascend with i.
     *
     * @param node 0 ≤ node &lt; {@link #nodes()}
     * @return its order l
     */
    public int order(int node) {
        return orders[node];
    }

    /**
     * Orders of all nodes, ascending (a copy).
     *
     * @return the orders
     */
    public int[] orders() {
        return orders.clone();
    }

    /**
     * Largest node order.
     *
     * @return max l
     */
    public int maxOrder() {
        return orders[n - 1];
    }

    /**
     * Sum of the node orders, Σ l = 2 · edges: the "polynomial degree" of Table I's caption
     * (the degree in the components of r̂ of a single-neighbour environment); the scalar has 0.
     * As a polynomial of the tensor coefficients the degree is {@link #nodes()}.
     *
     * @return Σ l
     */
    public int degree() {
        return 2 * edges;
    }

    /**
     * Number of indices contracted between nodes i and j (0 on the diagonal).
     *
     * @param i a node
     * @param j a node
     * @return the multiplicity
     */
    public int multiplicity(int i, int j) {
        return mult[i * n + j];
    }

    /**
     * Whether all nodes have the same order (a pure invariant of one tensor, a regular graph).
     *
     * @return true for pure invariants, including the scalar
     */
    public boolean pure() {
        return orders[0] == orders[n - 1];
    }

    /** The canonical text form, e.g. {@code "01,02,12"} or {@code "-"}. */
    @Override
    public String toString() {
        return text;
    }

    /** Diagrams are equal when isomorphic (equal canonical text). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorDiagram d && d.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    // ------------------------------------------------------------------ contraction

    private int[] eliminationOrder() {
        int[] order = new int[n];
        boolean[] done = new boolean[n];
        order[0] = n - 1;
        done[n - 1] = true;
        for (int s = 1; s < n; s++) {
            int best = -1;
            int bestShared = -1;
            int bestNew = Integer.MAX_VALUE;
            for (int v = 0; v < n; v++) {
                if (done[v]) {
                    continue;
                }
                int shared = 0;
                for (int u = 0; u < n; u++) {
                    if (done[u]) {
                        shared += mult[u * n + v];
                    }
                }
                int fresh = orders[v] - shared;
                if (shared > bestShared || (shared == bestShared && fresh < bestNew)) {
                    best = v;
                    bestShared = shared;
                    bestNew = fresh;
                }
            }
            order[s] = best;
            done[best] = true;
        }
        return order;
    }

    private Step[] plan(int[][] incident) {
        Step[] out = new Step[n];
        List<Integer> open = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            int[] nodeEdges = incident[planNode[s]];
            List<Integer> shared = new ArrayList<>();
            List<Integer> keepOpen = new ArrayList<>();
            for (int e : open) {
                if (contains(nodeEdges, e)) {
                    shared.add(e);
                } else {
                    keepOpen.add(e);
                }
            }
            List<Integer> fresh = new ArrayList<>();
            for (int e : nodeEdges) {
                if (!open.contains(e)) {
                    fresh.add(e);
                }
            }
            List<Integer> result = new ArrayList<>(keepOpen);
            result.addAll(fresh);
            int resultSize = IrreducibleTensors.pow3(result.size());
            int sharedSize = IrreducibleTensors.pow3(shared.size());
            int[] curR = new int[resultSize];
            int[] nodeR = new int[resultSize];
            for (int r = 0; r < resultSize; r++) {
                int rest = r;
                for (int p = result.size() - 1; p >= 0; p--) {
                    int digit = rest % 3;
                    rest /= 3;
                    int e = result.get(p);
                    int oi = open.indexOf(e);
                    if (oi >= 0) {
                        curR[r] += digit * IrreducibleTensors.pow3(open.size() - 1 - oi);
                    } else {
                        nodeR[r] += digit * IrreducibleTensors.pow3(nodeEdges.length - 1 - indexOf(nodeEdges, e));
                    }
                }
            }
            int[] curS = new int[sharedSize];
            int[] nodeS = new int[sharedSize];
            for (int q = 0; q < sharedSize; q++) {
                int rest = q;
                for (int p = shared.size() - 1; p >= 0; p--) {
                    int digit = rest % 3;
                    rest /= 3;
                    int e = shared.get(p);
                    curS[q] += digit * IrreducibleTensors.pow3(open.size() - 1 - open.indexOf(e));
                    nodeS[q] += digit * IrreducibleTensors.pow3(nodeEdges.length - 1 - indexOf(nodeEdges, e));
                }
            }
            out[s] = new Step(resultSize, curR, nodeR, curS, nodeS);
            open = result;
        }
        return out;
    }

    private static boolean contains(int[] a, int v) {
        return indexOf(a, v) >= 0;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static double[] apply(Step st, double[] cur, double[] node) {
        double[] next = new double[st.resultSize];
        int[] curS = st.curS;
        int[] nodeS = st.nodeS;
        for (int r = 0; r < next.length; r++) {
            int cr = st.curR[r];
            int nr = st.nodeR[r];
            double s = 0;
            for (int q = 0; q < curS.length; q++) {
                s += cur[cr + curS[q]] * node[nr + nodeS[q]];
            }
            next[r] = s;
        }
        return next;
    }

    /**
     * The full contraction of one array per node: Σ over all index assignments of Π_i A_i,
     * the indices of node i being its edges. Arrays must be symmetric (as irreducible tensors
     * and environment tensors are), so which slot of a node carries which edge does not matter.
     *
     * @param arrays arrays[i] is the full array (3^order(i) entries, row-major) of node i of the
     *               canonical form; for a pure invariant pass the same array for every node
     * @return the invariant
     * @throws IllegalArgumentException naming the node when an array has the wrong length
     */
    public double contract(double[][] arrays) {
        if (arrays.length != n) {
            throw new IllegalArgumentException("diagram " + text + " has " + n + " nodes, got " + arrays.length + " arrays");
        }
        for (int i = 0; i < n; i++) {
            if (arrays[i].length != IrreducibleTensors.pow3(orders[i])) {
                throw new IllegalArgumentException("diagram " + text + ": node " + i + " has order " + orders[i] + " and needs "
                    + IrreducibleTensors.pow3(orders[i]) + " entries, got " + arrays[i].length);
            }
        }
        double[] cur = {1};
        for (int s = 0; s < n; s++) {
            cur = apply(steps[s], cur, arrays[planNode[s]]);
        }
        return cur[0];
    }

    /**
     * The full contraction with the same array for every node of a given order, e.g. the
     * environment tensors E^l of one channel (channel-wise evaluation).
     *
     * @param arraysByOrder arraysByOrder[l] is the full array of order l (at least up to
     *                      {@link #maxOrder()})
     * @return the invariant
     */
    public double contractByOrder(double[][] arraysByOrder) {
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (orders[i] >= arraysByOrder.length) {
                throw new IllegalArgumentException("diagram " + text + " needs an array of order " + orders[i] + ", got orders 0.." + (arraysByOrder.length - 1));
            }
            a[i] = arraysByOrder[orders[i]];
        }
        return contract(a);
    }

    // ------------------------------------------------------------------ compilation

    /**
     * The invariant as a polynomial of the orthonormal coefficients of {@code tensors}, the
     * same coefficient vector of order l feeding every node of order l: one output, P =
     * {@code tensors.size()} variables at {@link IrreducibleTensors#index}(l, m).
     *
     * @param tensors the coefficient convention (lmax ≥ {@link #maxOrder()})
     * @return the compiled polynomial
     */
    public SparsePolynomial polynomial(IrreducibleTensors tensors) {
        int[] offsets = new int[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = IrreducibleTensors.offset(orders[i]);
        }
        return polynomial(tensors, tensors.size(), offsets);
    }

    /**
     * The invariant as a polynomial of coefficient vectors chosen per node: node i reads the
     * 2l_i+1 coefficients (m = −l..l) of its tensor from variables nodeOffsets[i] … . Expanding
     * each node tensor as Σ_m c_m E^l_m, the coefficient of a monomial is the sum of the
     * contractions of the basis arrays over all m-tuples giving that monomial; coefficients
     * below 1e-12 of the largest (round-off of exact zeros) are dropped.
     *
     * @param tensors     the coefficient convention (lmax ≥ {@link #maxOrder()})
     * @param variables   number of variables P
     * @param nodeOffsets first variable of each node's coefficient block
     * @return the compiled polynomial (one output)
     */
    public SparsePolynomial polynomial(IrreducibleTensors tensors, int variables, int[] nodeOffsets) {
        Map<Monomial, Double> terms = terms(tensors, variables, nodeOffsets);
        return toPolynomial(List.of(terms), variables);
    }

    /**
     * A monomial as the sorted multiset of its variables.
     *
     * @param vars variable indices, ascending, one per factor
     */
    record Monomial(int[] vars) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Monomial m && Arrays.equals(vars, m.vars);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(vars);
        }
    }

    /** The monomials of {@link #polynomial(IrreducibleTensors, int, int[])} with their coefficients. */
    Map<Monomial, Double> terms(IrreducibleTensors tensors, int variables, int[] nodeOffsets) {
        if (tensors.lmax() < maxOrder()) {
            throw new IllegalArgumentException("diagram " + text + " has order " + maxOrder() + " but the tensors stop at lmax " + tensors.lmax());
        }
        if (nodeOffsets.length != n) {
            throw new IllegalArgumentException("diagram " + text + " has " + n + " nodes, got " + nodeOffsets.length + " offsets");
        }
        for (int i = 0; i < n; i++) {
            if (nodeOffsets[i] < 0 || nodeOffsets[i] + 2 * orders[i] + 1 > variables) {
                throw new IllegalArgumentException("diagram " + text + ": node " + i + " of order " + orders[i] + " at offset " + nodeOffsets[i]
                    + " does not fit in " + variables + " variables");
            }
        }
        double[][][] basis = new double[n][][];
        for (int i = 0; i < n; i++) {
            int l = orders[i];
            basis[i] = new double[2 * l + 1][];
            for (int m = -l; m <= l; m++) {
                basis[i][m + l] = tensors.basisArray(l, m);
            }
        }
        Map<Monomial, Double> acc = new LinkedHashMap<>();
        int[] chosen = new int[n];
        expand(0, new double[] {1}, basis, nodeOffsets, chosen, acc);
        double largest = 0;
        for (double v : acc.values()) {
            largest = Math.max(largest, Math.abs(v));
        }
        double threshold = 1e-12 * largest;
        acc.values().removeIf(v -> !(Math.abs(v) > threshold));
        return acc;
    }

    private void expand(int s, double[] cur, double[][][] basis, int[] nodeOffsets, int[] chosen, Map<Monomial, Double> acc) {
        if (s == n) {
            if (cur[0] != 0) {
                int[] vars = chosen.clone();
                Arrays.sort(vars);
                acc.merge(new Monomial(vars), cur[0], Double::sum);
            }
            return;
        }
        int node = planNode[s];
        double[][] b = basis[node];
        for (int m = 0; m < b.length; m++) {
            double[] next = apply(steps[s], cur, b[m]);
            chosen[s] = nodeOffsets[node] + m;
            expand(s + 1, next, basis, nodeOffsets, chosen, acc);
        }
    }

    /** Sparse polynomial with one output per map of monomials. */
    static SparsePolynomial toPolynomial(List<Map<Monomial, Double>> outputs, int variables) {
        int terms = 0;
        for (Map<Monomial, Double> m : outputs) {
            terms += m.size();
        }
        int[] out = new int[terms];
        double[] coeff = new double[terms];
        int[] exponents = new int[terms * variables];
        int t = 0;
        for (int k = 0; k < outputs.size(); k++) {
            for (Map.Entry<Monomial, Double> e : outputs.get(k).entrySet()) {
                out[t] = k;
                coeff[t] = e.getValue();
                for (int v : e.getKey().vars()) {
                    exponents[t * variables + v]++;
                }
                t++;
            }
        }
        return new SparsePolynomial(outputs.size(), variables, out, coeff, exponents);
    }
}
