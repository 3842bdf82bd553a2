package org.atomstack.model.hipnn.internal;

import org.atomstack.api.autodiff.Graph;
import org.atomstack.api.autodiff.Var;
import org.atomstack.api.tensor.RadialBasis;

/**
 * The sensitivity functions s^ν(r) of a HIP-NN interaction layer: Gaussians in inverse distance
 * with learnable centres and widths (hippynn's {@code GaussianSensitivityModule}), times a
 * smooth upper cutoff,
 *
 * <pre>
 *   s^ν(r) = exp(−½ ((1/r − q_ν) σ_ν)²) · u(r),    ν = 0..n−1,
 * </pre>
 *
 * with q_ν the inverse centre (1/Å) and σ_ν the inverse width (Å) of function ν, and u the
 * api's polynomial envelope of power p on [0, r_c] (u, u′, u″ vanish at r_c, u = 0 beyond; see
 * {@link RadialBasis}), evaluated by the fused radial kernel as the Chebyshev basis of one
 * function (T_0 = 1). Initially the centres are evenly spaced in 1/r from the lower cutoff
 * r_lo (the innermost centre) outwards, q_ν = 1/r_lo − ν Δ with Δ = (1/r_lo − 1/r_c)/n, so the
 * outermost centre lies inside r_c, and σ_ν = 2/Δ (a Gaussian's standard deviation is half the
 * spacing). Distances below r_lo fall on the inner tail of the innermost Gaussian and their
 * sensitivities decay to zero. Stateless; everything is recorded on the graph.
 */
final class Sensitivities {
    private Sensitivities() {
    }

    /**
     * The envelope basis of the cutoff: one Chebyshev function T_0 = 1 times u(r).
     *
     * @param cutoff r_c in Å
     * @param power  envelope power p ≥ 2
     * @return the basis whose single function is u(r)
     */
    static RadialBasis envelope(double cutoff, int power) {
        return new RadialBasis(RadialBasis.Kind.CHEBYSHEV, 1, cutoff, 0, power);
    }

    /**
     * Initial inverse centres q_ν (1/Å).
     *
     * @param count  n
     * @param lower  r_lo in Å
     * @param cutoff r_c in Å
     * @return n values, decreasing
     */
    static double[] initialCentres(int count, double lower, double cutoff) {
        double step = (1 / lower - 1 / cutoff) / count;
        double[] q = new double[count];
        for (int v = 0; v < count; v++) {
            q[v] = 1 / lower - v * step;
        }
        return q;
    }

    /**
     * Initial inverse widths σ_ν (Å): two per grid spacing in 1/r.
     *
     * @param count  n
     * @param lower  r_lo in Å
     * @param cutoff r_c in Å
     * @return n equal values 2/Δ
     */
    static double[] initialWidths(int count, double lower, double cutoff) {
        double step = (1 / lower - 1 / cutoff) / count;
        double[] s = new double[count];
        java.util.Arrays.fill(s, 2 / step);
        return s;
    }

    /**
     * Records s^ν(r_e) for every edge.
     *
     * @param g        the graph
     * @param inverse  1/r_e [E]
     * @param envelope u(r_e) [E, 1]
     * @param centres  q [n]
     * @param widths   σ [n]
     * @return s [E, n]
     */
    static Var apply(Graph g, Var inverse, Var envelope, Var centres, Var widths) {
        int edges = inverse.shape().dim(0);
        Var x = g.mul(g.sub(g.reshape(inverse, edges, 1), centres), widths);
        return g.mul(g.exp(g.mul(g.square(x), -0.5)), envelope);
    }
}
