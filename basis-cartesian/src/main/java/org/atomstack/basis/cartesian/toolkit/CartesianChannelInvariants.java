package org.atomstack.basis.cartesian.toolkit;

import java.util.List;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;

/**
 * {@link ChannelInvariants} from Cartesian environment tensors and an {@link InvariantSet}:
 * I_{i,a,k} = p_k(C_{i,a}), where C_{i,a} are the coefficients of the channel environment
 * tensors E^l_{i,a} = Σ_{e: centre i} w_{e,a} T^l(r̂_e), l = 0..lmax of the set, and p_k the
 * set's compiled polynomials. Channel-wise (HIP-HOP-NN style): every factor of every diagram
 * reads the same channel a, so channels never mix inside an invariant; mixing across channels
 * is the model's business (e.g. W^k_ab in Eq. 28 of the paper).
 *
 * <p>The graph is: {@link EnvironmentTensors#apply} ([atoms, C, P]), a reshape to
 * [atoms·C, P], {@link Graph#sparsePolynomial} with the compiled set and a reshape to
 * [atoms, C, K]; every operation is differentiable to any order. {@link #evaluate} is the
 * host reference in double. Immutable and thread-safe.
 */
public final class CartesianChannelInvariants implements ChannelInvariants {
    private final InvariantSet set;
    private final EnvironmentTensors environment;

    /**
     * The layer for a given invariant set.
     *
     * @param set the invariants (their lmax fixes the tensor orders)
     */
    public CartesianChannelInvariants(InvariantSet set) {
        this.set = set;
        this.environment = new EnvironmentTensors(set.tensors());
    }

    /**
     * The flexible set of Table I (13 invariants, l ≤ 3).
     *
     * @return the layer
     */
    public static CartesianChannelInvariants flexible() {
        return new CartesianChannelInvariants(InvariantSet.flexible());
    }

    /**
     * Tensor norms only: the scalar and |E^l|² for l = 1..lmax.
     *
     * @param lmax the largest order
     * @return the layer
     */
    public static CartesianChannelInvariants norms(int lmax) {
        return new CartesianChannelInvariants(InvariantSet.norms(lmax));
    }

    /**
     * The invariant set.
     *
     * @return the set
     */
    public InvariantSet set() {
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
        Var env = environment.apply(g, weights, edgeVectors, centres, atoms);
        int channels = weights.shape().dim(1);
        Var flat = g.reshape(env, atoms * channels, set.variables());
        Var inv = g.sparsePolynomial(flat, set.polynomial());
        return g.reshape(inv, atoms, channels, set.size());
    }

    /**
     * Host reference of {@link #apply} in double.
     *
     * @param weights  E × C channel weights
     * @param vectors  E × 3 edge vectors
     * @param channels C
     * @param centres  centre atom per edge
     * @param atoms    number of atoms
     * @return atoms × C × K invariants
     */
    public double[] evaluate(double[] weights, double[] vectors, int channels, int[] centres, int atoms) {
        double[] env = environment.compute(vectors, weights, channels, centres, atoms);
        int p = set.variables();
        int k = set.size();
        double[] out = new double[atoms * channels * k];
        for (int r = 0; r < atoms * channels; r++) {
            set.evaluate(env, r * p, out, r * k);
        }
        return out;
    }
}
