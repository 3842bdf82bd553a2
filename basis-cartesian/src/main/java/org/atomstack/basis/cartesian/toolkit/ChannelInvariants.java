package org.atomstack.basis.cartesian.toolkit;

import java.util.List;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;

/**
 * The channel-wise invariant layer (the mix-and-match seam of the architecture, decision 7):
 * a model supplies per-edge channel weights w_{e,a}; the layer forms each atom's channel
 * environment (Cartesian E^l_{i,a} or spherical A_{i,a,lm}) and returns K rotation-invariant
 * functions of it per atom and channel, differentiable (to second order at least) in the
 * weights and the edge vectors. Cartesian flexible invariants, tensor norms and ACE invariants
 * are interchangeable implementations.
 */
public interface ChannelInvariants {
    /**
     * Number of invariants K per channel.
     *
     * @return K
     */
    int count();

    /**
     * One short label per invariant, count() of them.
     *
     * @return the labels
     */
    List<String> labels();

    /**
     * Per-atom, per-channel invariants, built from {@link Graph} operations only.
     *
     * @param g           the graph
     * @param weights     [E, C] channel weights per edge (floating)
     * @param edgeVectors [E, 3] edge vectors r_e from centre to neighbour (same dtype)
     * @param centres     [E] INT32 centre atom of each edge
     * @param atoms       number of atoms
     * @return [atoms, C, count()]
     */
    Var apply(Graph g, Var weights, Var edgeVectors, Var centres, int atoms);
}
