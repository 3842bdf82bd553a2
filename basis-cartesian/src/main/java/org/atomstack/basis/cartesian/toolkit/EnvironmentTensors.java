package org.atomstack.basis.cartesian.toolkit;

import java.util.Arrays;
import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.tensor.DType;

/**
 * Environment tensors of weighted neighbour sets, per atom and channel, in orthonormal
 * coefficients:
 * <pre>
 *   E^l_{i,a} = Σ_{e : centre(e) = i} w_{e,a} T^l(r̂_e),    coefficients C_{i,a,(l,m)} = Σ_e w_{e,a} c^l_m(r̂_e),
 * </pre>
 * for l = 0..lmax, with c^l_m the coefficients of {@link IrreducibleTensors} (so E^0 is the
 * plain weighted sum and the array of E^l is Σ_m C_{(l,m)} E^l_m). Edges e carry their vector
 * r_e (from the centre to the neighbour) and one weight per channel a; the weights are whatever
 * the caller makes them (radial functions of a descriptor, messages of a model).
 *
 * <p>Two implementations with the same layout: a host one in double with an analytic
 * vector–Jacobian product ({@link #compute}, {@link #backward}), and an autodiff one built
 * from {@link Graph} operations ({@link #apply}: sparse polynomial of r̂, outer product,
 * scatter-add), differentiable to any order in both weights and edge vectors.
 *
 * <p>Immutable and thread-safe.
 */
public final class EnvironmentTensors {
    private final IrreducibleTensors tensors;

    /**
     * Environment tensors of orders 0..lmax.
     *
     * @param lmax the largest order, 0 ≤ lmax ≤ {@link IrreducibleTensors#MAX_L}
     */
    public EnvironmentTensors(int lmax) {
        this(new IrreducibleTensors(lmax));
    }

    /**
     * Environment tensors in the convention of {@code tensors}.
     *
     * @param tensors the irreducible tensors
     */
    public EnvironmentTensors(IrreducibleTensors tensors) {
        this.tensors = tensors;
    }

    /**
     * The coefficient convention.
     *
     * @return the irreducible tensors
     */
    public IrreducibleTensors tensors() {
        return tensors;
    }

    /**
     * Coefficients per channel, P = (lmax+1)².
     *
     * @return P
     */
    public int size() {
        return tensors.size();
    }

    private static int edgesOf(double[] vectors, double[] weights, int channels, int[] centres, int atoms) {
        if (vectors.length % 3 != 0) {
            throw new IllegalArgumentException("edge vectors need 3 values per edge, got " + vectors.length + " values");
        }
        int edges = vectors.length / 3;
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        if (weights.length != edges * channels) {
            throw new IllegalArgumentException("weights: expected " + edges + " edges × " + channels + " channels = " + edges * channels + " values, got " + weights.length);
        }
        if (centres.length != edges) {
            throw new IllegalArgumentException("centres: expected one per edge (" + edges + "), got " + centres.length);
        }
        for (int e = 0; e < edges; e++) {
            if (centres[e] < 0 || centres[e] >= atoms) {
                throw new IllegalArgumentException("centres[" + e + "] = " + centres[e] + " is outside 0.." + (atoms - 1));
            }
        }
        return edges;
    }

    /**
     * Host evaluation.
     *
     * @param vectors  edge vectors, E × 3
     * @param weights  channel weights, E × C
     * @param channels C ≥ 1
     * @param centres  centre atom of each edge, E values in 0..atoms−1
     * @param atoms    number of atoms
     * @return coefficients, atoms × C × P (row-major)
     */
    public double[] compute(double[] vectors, double[] weights, int channels, int[] centres, int atoms) {
        int edges = edgesOf(vectors, weights, channels, centres, atoms);
        int p = size();
        double[] out = new double[atoms * channels * p];
        double[] c = new double[p];
        for (int e = 0; e < edges; e++) {
            tensors.coefficients(vectors[3 * e], vectors[3 * e + 1], vectors[3 * e + 2], c, 0);
            int base = centres[e] * channels * p;
            for (int a = 0; a < channels; a++) {
                double w = weights[e * channels + a];
                if (w == 0) {
                    continue;
                }
                int row = base + a * p;
                for (int q = 0; q < p; q++) {
                    out[row + q] += w * c[q];
                }
            }
        }
        return out;
    }

    /**
     * Host vector–Jacobian product: for a scalar L with ∂L/∂C given, writes
     * ∂L/∂r_e = Σ_{a,q} ∂L/∂C_{i(e),a,q} w_{e,a} ∂c_q/∂r_e and ∂L/∂w_{e,a} = Σ_q ∂L/∂C_{i(e),a,q} c_q(r̂_e).
     *
     * @param vectors       edge vectors, E × 3
     * @param weights       channel weights, E × C
     * @param channels      C ≥ 1
     * @param centres       centre atom of each edge
     * @param atoms         number of atoms
     * @param upstream      ∂L/∂C, atoms × C × P
     * @param gradVectors   receives ∂L/∂r, E × 3 (overwritten), or null
     * @param gradWeights   receives ∂L/∂w, E × C (overwritten), or null
     */
    public void backward(double[] vectors, double[] weights, int channels, int[] centres, int atoms, double[] upstream,
                         double[] gradVectors, double[] gradWeights) {
        int edges = edgesOf(vectors, weights, channels, centres, atoms);
        int p = size();
        if (upstream.length != atoms * channels * p) {
            throw new IllegalArgumentException("upstream: expected " + atoms * channels * p + " values, got " + upstream.length);
        }
        double[] c = new double[p];
        double[] dc = new double[3 * p];
        double[] gc = new double[p];
        for (int e = 0; e < edges; e++) {
            tensors.coefficients(vectors[3 * e], vectors[3 * e + 1], vectors[3 * e + 2], c, 0, dc, 0);
            int base = centres[e] * channels * p;
            Arrays.fill(gc, 0);
            for (int a = 0; a < channels; a++) {
                int row = base + a * p;
                double w = weights[e * channels + a];
                double gw = 0;
                for (int q = 0; q < p; q++) {
                    gw += upstream[row + q] * c[q];
                    gc[q] += w * upstream[row + q];
                }
                if (gradWeights != null) {
                    gradWeights[e * channels + a] = gw;
                }
            }
            if (gradVectors != null) {
                for (int k = 0; k < 3; k++) {
                    double s = 0;
                    for (int q = 0; q < p; q++) {
                        s += gc[q] * dc[3 * q + k];
                    }
                    gradVectors[3 * e + k] = s;
                }
            }
        }
    }

    /**
     * Autodiff evaluation with {@link Graph} operations only: r̂ = r/|r|, c(r̂) by
     * {@link Graph#sparsePolynomial} of {@link IrreducibleTensors#polynomial()} (equal to
     * q(r)/|r|^l since q is homogeneous of degree l), the outer product w_{e,a} c_q(r̂_e) and
     * {@link Graph#scatterAdd} over centres. Memory: one E × C × P intermediate.
     *
     * @param g           the graph
     * @param weights     [E, C] floating
     * @param edgeVectors [E, 3], same dtype, no zero vectors
     * @param centres     [E] INT32 centre atom per edge
     * @param atoms       number of atoms (rows of the result)
     * @return [atoms, C, P]
     * @throws IllegalArgumentException quoting shapes when they do not fit
     */
    public Var apply(Graph g, Var weights, Var edgeVectors, Var centres, int atoms) {
        int edges = checkShapes(weights, edgeVectors, centres, atoms);
        int channels = weights.shape().dim(1);
        int p = size();
        Var len = g.sqrt(g.sum(g.square(edgeVectors), 1, true));
        Var unit = g.div(edgeVectors, len);
        Var c = g.sparsePolynomial(unit, tensors.polynomial());
        Var prod = g.mul(g.reshape(weights, edges, channels, 1), g.reshape(c, edges, 1, p));
        return g.scatterAdd(prod, centres, atoms);
    }

    /** Validates the shapes of {@link #apply}'s inputs; returns the edge count. */
    static int checkShapes(Var weights, Var edgeVectors, Var centres, int atoms) {
        if (weights.shape().rank() != 2) {
            throw new IllegalArgumentException("weights must have shape [E, C], got " + weights.shape());
        }
        int edges = weights.shape().dim(0);
        if (!edgeVectors.shape().equals(org.atomstack.api.tensor.Shape.of(edges, 3))) {
            throw new IllegalArgumentException("edge vectors must have shape [" + edges + ", 3] to match weights " + weights.shape() + ", got " + edgeVectors.shape());
        }
        if (!centres.shape().equals(org.atomstack.api.tensor.Shape.of(edges)) || centres.dtype() != DType.INT32) {
            throw new IllegalArgumentException("centres must be INT32 of shape [" + edges + "], got " + centres.dtype() + " " + centres.shape());
        }
        if (weights.dtype() != edgeVectors.dtype() || !weights.dtype().floating()) {
            throw new IllegalArgumentException("weights (" + weights.dtype() + ") and edge vectors (" + edgeVectors.dtype() + ") must share a floating dtype");
        }
        if (atoms < 0) {
            throw new IllegalArgumentException("atoms must be >= 0, got " + atoms);
        }
        return edges;
    }
}
