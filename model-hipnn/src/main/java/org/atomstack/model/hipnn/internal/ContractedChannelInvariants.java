package org.atomstack.model.hipnn.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.basis.cartesian.toolkit.ChannelInvariants;
import org.atomstack.basis.cartesian.toolkit.InvariantSet;
import org.atomstack.basis.cartesian.toolkit.IrreducibleTensors;
import org.atomstack.basis.cartesian.toolkit.TensorDiagram;

/**
 * {@link ChannelInvariants} of an {@link InvariantSet} evaluated by contracting full Cartesian
 * arrays with batched matrix products, instead of the compiled coefficient polynomial of the
 * toolkit's {@code CartesianChannelInvariants}. Same values (the orthonormal coefficient map is
 * an isometry, so a full contraction is the same in either form), but far cheaper to
 * differentiate twice: the compiled polynomial's second derivative materialises a
 * K·P·P-wide Hessian per atom and channel (3328 values for Table I), while every step here is a
 * product of small arrays whose derivatives are again small products.
 *
 * <p>Per call, with edges e (centre i(e)), channel weights w_{e,a} and C channels:
 *
 * <ol>
 *   <li>{@link #coefficients}: c_q(r̂_e) of T^l(r̂_e), l ≤ lmax, by the fused sparse-polynomial
 *       kernel on r̂ = r/|r| [E, P], P = (lmax+1)²;</li>
 *   <li>{@link #environment}: C_{i,a,q} = Σ_{e: i(e) = i} w_{e,a} c_q(r̂_e) as one batched
 *       product per atom over its padded neighbourhood ({@link Neighbourhoods#outerSum}),
 *       [atoms, C, P], without an E × C × P intermediate;</li>
 *   <li>{@link #invariants}: arrays E^l = Σ_m C_{(l,m)} E^l_m [atoms·C, 3^l] (one product per
 *       order with the toolkit's orthonormal basis arrays), then every diagram by pairwise
 *       contractions, each a batched product [n, 3^a, 3^s]·[n, 3^s, 3^b] over the s shared
 *       index lines. A squared norm |E^l|² is the sum of the squared coefficients C_{(l,m)}
 *       instead (the basis arrays are orthonormal), and the full array of an order is formed
 *       only when a diagram other than a norm needs it.</li>
 * </ol>
 *
 * The contraction order is greedy: a pair whose product was already formed for an earlier
 * diagram first (products are memoised per call under a key naming their operands and
 * contracted slots, so the sub-contractions that Table I's diagrams share — E²·E², Σ E³E³ over
 * two indices — are formed once), then the pair with the smallest result. The node arrays are
 * symmetric, so their slots are reordered freely to put the contracted ones first, which needs
 * no transpose; intermediate results are transposed only when their contracted slots are not
 * contiguous.
 *
 * <p>Channel-wise: every factor of a diagram reads the same channel. Immutable and thread-safe.
 */
final class ContractedChannelInvariants implements ChannelInvariants {
    private final InvariantSet set;
    private final IrreducibleTensors tensors;
    private final double[][] basis;

    /**
     * The layer for {@code set}.
     *
     * @param set the invariants
     */
    ContractedChannelInvariants(InvariantSet set) {
        this.set = set;
        this.tensors = set.tensors();
        int lmax = set.lmax();
        basis = new double[lmax + 1][];
        for (int l = 0; l <= lmax; l++) {
            int full = IrreducibleTensors.pow3(l);
            double[] b = new double[(2 * l + 1) * full];
            for (int m = -l; m <= l; m++) {
                System.arraycopy(tensors.basisArray(l, m), 0, b, (m + l) * full, full);
            }
            basis[l] = b;
        }
    }

    /**
     * Number of coefficients P = (lmax+1)² of the environment tensors.
     *
     * @return P
     */
    int coefficientCount() {
        return tensors.size();
    }

    @Override
    public int count() {
        return set.size();
    }

    @Override
    public List<String> labels() {
        return set.labels();
    }

    @Override
    public Var apply(Graph g, Var weights, Var edgeVectors, Var centres, int atoms) {
        return apply(g, weights, edgeVectors, Neighbourhoods.of(centres.value().ops().toInts(centres.value()), atoms));
    }

    /**
     * As {@link #apply(Graph, Var, Var, Var, int)} with the edges already grouped by centre.
     *
     * @param g           the graph
     * @param weights     [E, C] channel weights
     * @param edgeVectors [E, 3] edge vectors
     * @param hoods       the edges grouped by centre atom
     * @return [atoms, C, K]
     */
    Var apply(Graph g, Var weights, Var edgeVectors, Neighbourhoods hoods) {
        if (weights.shape().rank() != 2 || !edgeVectors.shape().equals(Shape.of(weights.shape().dim(0), 3))) {
            throw new IllegalArgumentException("weights must be [E, C] and edge vectors [E, 3], got " + weights.shape() + " and "
                + edgeVectors.shape());
        }
        return invariants(g, environment(g, weights, coefficients(g, edgeVectors), hoods));
    }

    /**
     * Coefficients c_q(r̂_e) of the irreducible tensors T^l(r̂_e), l ≤ lmax.
     *
     * @param g           the graph
     * @param edgeVectors [E, 3], no zero vectors
     * @return [E, P]
     */
    Var coefficients(Graph g, Var edgeVectors) {
        Var unit = g.div(edgeVectors, g.sqrt(g.sum(g.square(edgeVectors), 1, true)));
        return g.sparsePolynomial(unit, tensors.polynomial());
    }

    /**
     * Channel environment coefficients C_{i,a,q} = Σ_{e: i(e) = i} w_{e,a} c_{e,q}.
     *
     * @param g            the graph
     * @param weights      [E, C]
     * @param coefficients [E, P] from {@link #coefficients}
     * @param hoods        the edges grouped by centre atom
     * @return [atoms, C, P]
     */
    Var environment(Graph g, Var weights, Var coefficients, Neighbourhoods hoods) {
        return hoods.outerSum(g, weights, coefficients);
    }

    /**
     * The invariants of given channel environments.
     *
     * @param g           the graph
     * @param environment [atoms, C, P] coefficients of the environment tensors
     * @return [atoms, C, K]
     */
    Var invariants(Graph g, Var environment) {
        Shape s = environment.shape();
        int p = tensors.size();
        if (s.rank() != 3 || s.dim(2) != p) {
            throw new IllegalArgumentException("environment must be [atoms, C, " + p + "], got " + s);
        }
        int atoms = s.dim(0);
        int channels = s.dim(1);
        int rows = atoms * channels;
        DType dt = environment.dtype();
        Var env = g.reshape(environment, rows, p);
        Var[] blocks = new Var[set.lmax() + 1];
        Var[] arrays = new Var[set.lmax() + 1];
        Map<String, Var> memo = new HashMap<>();
        List<Var> values = new ArrayList<>(set.size());
        for (TensorDiagram d : set.diagrams()) {
            int norm = normOrder(d);
            if (norm >= 0) {
                // |E^l|² is the sum of the squared coefficients: the basis arrays are orthonormal
                values.add(g.sum(g.square(block(g, env, blocks, norm)), 1, true));
                continue;
            }
            for (int i = 0; i < d.nodes(); i++) {
                int l = d.order(i);
                if (arrays[l] == null) {
                    Var c = block(g, env, blocks, l);
                    arrays[l] = l == 0 ? c : g.matmul(c, g.constant(basis[l], dt, 2 * l + 1, IrreducibleTensors.pow3(l)));
                }
            }
            values.add(contract(g, d, arrays, rows, memo));
        }
        Var all = values.size() == 1 ? values.get(0) : g.concat(values, 1);
        return g.reshape(all, atoms, channels, set.size());
    }

    /** The coefficients C_{(l,m)} of order l [rows, 2l+1], sliced from {@code env} once per call. */
    private static Var block(Graph g, Var env, Var[] blocks, int l) {
        if (blocks[l] == null) {
            blocks[l] = g.slice(env, 1, l * l, (l + 1) * (l + 1));
        }
        return blocks[l];
    }

    /**
     * The order l when {@code d} is the squared norm of E^l (two nodes of order l joined by l
     * lines), else −1.
     */
    private static int normOrder(TensorDiagram d) {
        return d.nodes() == 2 && d.order(0) == d.order(1) && d.multiplicity(0, 1) == d.order(0) ? d.order(0) : -1;
    }

    /**
     * A partial contraction: a var [rows, 3^k], the index line of each of its k slots, a key
     * naming how it was formed, and whether it is a (symmetric) node array.
     */
    private record Factor(Var value, List<Integer> lines, String key, boolean leaf) {
    }

    /** How a pair of factors is contracted: operand layouts, result key and lines. */
    private record Plan(Factor a, Factor b, List<Integer> aLines, List<Integer> bLines, List<Integer> shared, String key,
                        List<Integer> lines) {
    }

    /** The full contraction of diagram {@code d} → [rows, 1]. */
    private static Var contract(Graph g, TensorDiagram d, Var[] arrays, int rows, Map<String, Var> memo) {
        int n = d.nodes();
        List<List<Integer>> slots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.add(new ArrayList<>());
        }
        int line = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                for (int k = 0; k < d.multiplicity(i, j); k++) {
                    slots.get(i).add(line);
                    slots.get(j).add(line);
                    line++;
                }
            }
        }
        List<Factor> factors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            factors.add(new Factor(arrays[d.order(i)], slots.get(i), "L" + d.order(i), true));
        }
        while (factors.size() > 1) {
            Plan best = null;
            int bestA = -1;
            int bestB = -1;
            long bestCost = Long.MAX_VALUE;
            for (int a = 0; a < factors.size(); a++) {
                for (int b = a + 1; b < factors.size(); b++) {
                    Plan plan = plan(factors.get(a), factors.get(b));
                    if (plan == null) {
                        continue;
                    }
                    long cost = (memo.containsKey(plan.key()) ? 0 : 1000) + plan.lines().size();
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = plan;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            Plan chosen = best;
            Var value = memo.computeIfAbsent(chosen.key(), k -> product(g, chosen, rows));
            factors.remove(bestB);
            factors.set(bestA, new Factor(value, chosen.lines(), chosen.key(), false));
        }
        return factors.get(0).value();
    }

    /** The plan for contracting a and b over their shared lines, or null when they share none. */
    private static Plan plan(Factor a, Factor b) {
        Factor first = a;
        Factor second = b;
        if (a.leaf() && !b.leaf()) {
            first = b;
            second = a;
        }
        List<Integer> shared = new ArrayList<>();
        for (int x : first.lines()) {
            if (second.lines().contains(x)) {
                shared.add(x);
            }
        }
        if (shared.isEmpty()) {
            return null;
        }
        List<Integer> freeFirst = new ArrayList<>(first.lines());
        freeFirst.removeAll(shared);
        List<Integer> freeSecond = new ArrayList<>(second.lines());
        freeSecond.removeAll(shared);
        // a node array is symmetric: its slots may be relabelled, shared ones first in the shared order
        List<Integer> firstLines = first.leaf() ? concat(shared, freeFirst) : first.lines();
        List<Integer> secondLines = second.leaf() ? concat(shared, freeSecond) : second.lines();
        StringBuilder key = new StringBuilder("(").append(first.key()).append('*').append(second.key()).append(':');
        for (int x : shared) {
            key.append(firstLines.indexOf(x)).append('-').append(secondLines.indexOf(x)).append(',');
        }
        key.append(')');
        return new Plan(first, second, firstLines, secondLines, shared, key.toString(), concat(freeFirst, freeSecond));
    }

    /** Contracts the planned pair with one batched matrix product → [rows, 3^(free lines)]. */
    private static Var product(Graph g, Plan plan, int rows) {
        List<Integer> shared = plan.shared();
        List<Integer> freeA = new ArrayList<>(plan.aLines());
        freeA.removeAll(shared);
        List<Integer> freeB = new ArrayList<>(plan.bLines());
        freeB.removeAll(shared);
        int fa = IrreducibleTensors.pow3(freeA.size());
        int fb = IrreducibleTensors.pow3(freeB.size());
        int s = IrreducibleTensors.pow3(shared.size());
        if (fa == 1 && fb == 1) {
            // a full contraction of two factors: an element-wise product summed (cheaper than rows of 1×s·s×1 products)
            Var a = plan.aLines().equals(shared) ? plan.a().value() : permute(g, plan.a().value(), plan.aLines(), shared, rows);
            Var b = plan.bLines().equals(shared) ? plan.b().value() : permute(g, plan.b().value(), plan.bLines(), shared, rows);
            return g.sum(g.mul(a, b), 1, true);
        }
        Var va;
        boolean transA;
        if (plan.aLines().equals(concat(freeA, shared))) {
            va = g.reshape(plan.a().value(), rows, fa, s);
            transA = false;
        } else if (plan.aLines().equals(concat(shared, freeA))) {
            va = g.reshape(plan.a().value(), rows, s, fa);
            transA = true;
        } else {
            va = g.reshape(permute(g, plan.a().value(), plan.aLines(), concat(freeA, shared), rows), rows, fa, s);
            transA = false;
        }
        Var vb;
        boolean transB;
        if (plan.bLines().equals(concat(shared, freeB))) {
            vb = g.reshape(plan.b().value(), rows, s, fb);
            transB = false;
        } else if (plan.bLines().equals(concat(freeB, shared))) {
            vb = g.reshape(plan.b().value(), rows, fb, s);
            transB = true;
        } else {
            vb = g.reshape(permute(g, plan.b().value(), plan.bLines(), concat(shared, freeB), rows), rows, s, fb);
            transB = false;
        }
        return g.reshape(g.matmul(va, vb, transA, transB), rows, fa * fb);
    }

    /** An array [rows, 3^k] with slots labelled {@code lines}, reordered to {@code order}. */
    private static Var permute(Graph g, Var value, List<Integer> lines, List<Integer> order, int rows) {
        int k = lines.size();
        int[] dims = new int[k + 1];
        dims[0] = rows;
        int[] perm = new int[k + 1];
        for (int i = 0; i < k; i++) {
            dims[i + 1] = 3;
            perm[i + 1] = 1 + lines.indexOf(order.get(i));
        }
        Var t = g.transpose(g.reshape(value, dims), perm);
        return g.reshape(t, rows, IrreducibleTensors.pow3(k));
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
