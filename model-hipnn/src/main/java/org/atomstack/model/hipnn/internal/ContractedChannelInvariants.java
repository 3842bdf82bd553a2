package org.atomstack.model.hipnn.internal;

import java.util.ArrayList;
import java.util.List;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.tensor.DType;
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
 *   <li>coefficients c_q(r̂_e) of T^l(r̂_e), l ≤ lmax, by the fused sparse-polynomial kernel on
 *       r̂ = r/|r| [E, P], P = (lmax+1)²;</li>
 *   <li>environment coefficients C_{i,a,q} = Σ_{e: i(e) = i} w_{e,a} c_q(r̂_e), as the batched
 *       outer product [E, C, 1]·[E, 1, P] and a scatter-add [atoms, C, P];</li>
 *   <li>arrays E^l = Σ_m C_{(l,m)} E^l_m [atoms·C, 3^l] by one matrix product per order with
 *       the toolkit's orthonormal basis arrays;</li>
 *   <li>each diagram by pairwise contractions of its node arrays: the pair sharing index lines
 *       whose result is smallest first, each a batched product [n, 3^a, 3^s]·[n, 3^s, 3^b]
 *       over the s shared lines (after a transpose when the shared lines are not contiguous).</li>
 * </ol>
 *
 * Channel-wise: every factor of a diagram reads the same channel. Immutable and thread-safe.
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
     * The invariant set.
     *
     * @return the set
     */
    InvariantSet set() {
        return set;
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
        if (weights.shape().rank() != 2 || !edgeVectors.shape().equals(org.atomstack.api.tensor.Shape.of(weights.shape().dim(0), 3))) {
            throw new IllegalArgumentException("weights must be [E, C] and edge vectors [E, 3], got " + weights.shape() + " and "
                + edgeVectors.shape());
        }
        int edges = weights.shape().dim(0);
        int channels = weights.shape().dim(1);
        int p = tensors.size();
        DType dt = weights.dtype();
        Var unit = g.div(edgeVectors, g.sqrt(g.sum(g.square(edgeVectors), 1, true)));
        Var c = g.sparsePolynomial(unit, tensors.polynomial());
        Var outer = g.matmul(g.reshape(weights, edges, channels, 1), g.reshape(c, edges, 1, p));
        Var env = g.reshape(g.scatterAdd(outer, centres, atoms), atoms * channels, p);
        int rows = atoms * channels;
        Var[] arrays = new Var[set.lmax() + 1];
        for (int l = 0; l <= set.lmax(); l++) {
            Var block = g.slice(env, 1, l * l, (l + 1) * (l + 1));
            arrays[l] = l == 0 ? block : g.matmul(block, g.constant(basis[l], dt, 2 * l + 1, IrreducibleTensors.pow3(l)));
        }
        List<Var> values = new ArrayList<>(set.size());
        for (TensorDiagram d : set.diagrams()) {
            values.add(contract(g, d, arrays, rows));
        }
        Var all = values.size() == 1 ? values.get(0) : g.concat(values, 1);
        return g.reshape(all, atoms, channels, set.size());
    }

    /** A partial contraction: a var [rows, 3^k] and the index line of each of its k slots. */
    private record Factor(Var value, List<Integer> lines) {
    }

    /** The full contraction of diagram {@code d} → [rows, 1]. */
    private static Var contract(Graph g, TensorDiagram d, Var[] arrays, int rows) {
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
            factors.add(new Factor(arrays[d.order(i)], slots.get(i)));
        }
        while (factors.size() > 1) {
            int bestA = -1;
            int bestB = -1;
            int bestSize = Integer.MAX_VALUE;
            for (int a = 0; a < factors.size(); a++) {
                for (int b = a + 1; b < factors.size(); b++) {
                    int shared = shared(factors.get(a).lines(), factors.get(b).lines()).size();
                    if (shared == 0) {
                        continue;
                    }
                    int size = factors.get(a).lines().size() + factors.get(b).lines().size() - 2 * shared;
                    if (size < bestSize) {
                        bestSize = size;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            Factor merged = pair(g, factors.get(bestA), factors.get(bestB), rows);
            factors.remove(bestB);
            factors.set(bestA, merged);
        }
        return factors.get(0).value();
    }

    private static List<Integer> shared(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>();
        for (int x : a) {
            if (b.contains(x)) {
                out.add(x);
            }
        }
        return out;
    }

    /** Contracts two factors over all their shared lines with one batched matrix product. */
    private static Factor pair(Graph g, Factor a, Factor b, int rows) {
        List<Integer> shared = shared(a.lines(), b.lines());
        List<Integer> freeA = new ArrayList<>(a.lines());
        freeA.removeAll(shared);
        List<Integer> freeB = new ArrayList<>(b.lines());
        freeB.removeAll(shared);
        int fa = IrreducibleTensors.pow3(freeA.size());
        int fb = IrreducibleTensors.pow3(freeB.size());
        int s = IrreducibleTensors.pow3(shared.size());
        // A as [rows, fa, s] (or [rows, s, fa] read transposed), B as [rows, s, fb] (or [rows, fb, s])
        List<Integer> aFreeFirst = concat(freeA, shared);
        List<Integer> aSharedFirst = concat(shared, freeA);
        Var va;
        boolean transA;
        if (a.lines().equals(aFreeFirst)) {
            va = g.reshape(a.value(), rows, fa, s);
            transA = false;
        } else if (a.lines().equals(aSharedFirst)) {
            va = g.reshape(a.value(), rows, s, fa);
            transA = true;
        } else {
            va = g.reshape(permute(g, a, aFreeFirst, rows), rows, fa, s);
            transA = false;
        }
        List<Integer> bSharedFirst = concat(shared, freeB);
        List<Integer> bFreeFirst = concat(freeB, shared);
        Var vb;
        boolean transB;
        if (b.lines().equals(bSharedFirst)) {
            vb = g.reshape(b.value(), rows, s, fb);
            transB = false;
        } else if (b.lines().equals(bFreeFirst)) {
            vb = g.reshape(b.value(), rows, fb, s);
            transB = true;
        } else {
            vb = g.reshape(permute(g, b, bSharedFirst, rows), rows, s, fb);
            transB = false;
        }
        Var out = g.reshape(g.matmul(va, vb, transA, transB), rows, fa * fb);
        return new Factor(out, concat(freeA, freeB));
    }

    /** The factor's array with its slots reordered to {@code order}, [rows, 3^k]. */
    private static Var permute(Graph g, Factor f, List<Integer> order, int rows) {
        int k = f.lines().size();
        int[] dims = new int[k + 1];
        dims[0] = rows;
        int[] perm = new int[k + 1];
        for (int i = 0; i < k; i++) {
            dims[i + 1] = 3;
            perm[i + 1] = 1 + f.lines().indexOf(order.get(i));
        }
        Var t = g.transpose(g.reshape(f.value(), dims), perm);
        return g.reshape(t, rows, IrreducibleTensors.pow3(k));
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
