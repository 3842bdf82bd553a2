package org.atomstack.model.hipnn.internal;

import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.tensor.Shape;

/**
 * The edges of a batch grouped by centre atom and padded to the largest neighbour count K:
 * slot (i, k) holds the k-th edge whose centre is i (edges in their original order), or a zero
 * row when atom i has fewer than k+1 neighbours. With per-edge values laid out as [atoms, K, D],
 * sums over each atom's neighbourhood of products of edge quantities become batched matrix
 * products, Σ_{e: i(e) = i} a_{e,p} b_{e,q} = (A_iᵀ B_i)_{pq}, whose derivatives are again
 * [atoms, K, D]-sized; no per-edge tensor of size E × p × q is ever formed (the role of
 * hippynn's {@code envsum} kernel). Immutable.
 */
final class Neighbourhoods {
    private final int atoms;
    private final int edges;
    private final int width;
    private final int[] slots;

    private Neighbourhoods(int atoms, int edges, int width, int[] slots) {
        this.atoms = atoms;
        this.edges = edges;
        this.width = width;
        this.slots = slots;
    }

    /**
     * The grouping of edges by their centres.
     *
     * @param centres centre atom of each edge, in 0..atoms−1
     * @param atoms   number of atoms
     * @return the padded layout (K ≥ 1)
     * @throws IllegalArgumentException naming the first centre out of range
     */
    static Neighbourhoods of(int[] centres, int atoms) {
        int[] count = new int[atoms];
        for (int e = 0; e < centres.length; e++) {
            int c = centres[e];
            if (c < 0 || c >= atoms) {
                throw new IllegalArgumentException("centres[" + e + "] = " + c + " is outside 0.." + (atoms - 1));
            }
            count[c]++;
        }
        int width = 1;
        for (int c : count) {
            width = Math.max(width, c);
        }
        int[] slots = new int[atoms * width];
        java.util.Arrays.fill(slots, centres.length);
        int[] fill = new int[atoms];
        for (int e = 0; e < centres.length; e++) {
            int c = centres[e];
            slots[c * width + fill[c]++] = e;
        }
        return new Neighbourhoods(atoms, centres.length, width, slots);
    }

    /**
     * Number of atoms.
     *
     * @return the atom count
     */
    int atoms() {
        return atoms;
    }

    /**
     * The padded width K: the largest number of edges of one centre (at least 1).
     *
     * @return K
     */
    int width() {
        return width;
    }

    /**
     * Per-edge values in the padded layout.
     *
     * @param g      the graph
     * @param values [E, D]
     * @return [atoms, K, D], zero in unused slots
     */
    Var pad(Graph g, Var values) {
        Shape s = values.shape();
        if (s.rank() != 2 || s.dim(0) != edges) {
            throw new IllegalArgumentException("expected per-edge values of shape [" + edges + ", D], got " + s);
        }
        int d = s.dim(1);
        Var withZero = g.concat(java.util.List.of(values, g.full(Shape.of(1, d), values.dtype(), 0)), 0);
        return g.reshape(g.gather(withZero, g.indices(slots, slots.length)), atoms, width, d);
    }

    /**
     * Σ over each atom's edges of the outer products a_e ⊗ b_e.
     *
     * @param g the graph
     * @param a [E, P]
     * @param b [E, Q]
     * @return [atoms, P, Q]
     */
    Var outerSum(Graph g, Var a, Var b) {
        return g.matmul(pad(g, a), pad(g, b), true, false);
    }
}
