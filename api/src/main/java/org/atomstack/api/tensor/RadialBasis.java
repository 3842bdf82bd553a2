package org.atomstack.api.tensor;

import java.util.Objects;

/**
 * A radial basis with a smooth cutoff, evaluated by the fused kernel
 * {@link TensorOps#radialBasis}: R_n(r) = f_n(r) · u(r) for n = 0..count−1, with
 *
 * <ul>
 *   <li>{@link Kind#BESSEL}: f_n(r) = √(2/r_c) · sin((n+1)π r / r_c) / r;</li>
 *   <li>{@link Kind#CHEBYSHEV}: f_n(r) = T_n(x), x = 2 (r − r_in)/(r_c − r_in) − 1 (Chebyshev
 *       polynomials of the first kind in a linearly transformed distance);</li>
 *   <li>{@link Kind#GAUSSIAN}: f_n(r) = exp(−(r − μ_n)²/(2σ²)), μ_n = r_in + n·Δ,
 *       σ = Δ, Δ = (r_c − r_in)/max(count − 1, 1);</li>
 * </ul>
 *
 * and the polynomial envelope u(r) = 1 − (p+1)(p+2)/2 · s^p + p(p+2) · s^{p+1} − p(p+1)/2 · s^{p+2},
 * s = r / r_c, for r &lt; r_c and u = 0 beyond: u, u′ and u″ vanish at s = 1 for every p (u‴ does
 * not), so R_n is twice continuously differentiable across the cutoff; larger p makes u flatter
 * near the origin. Kernels provide derivatives of any order in r.
 *
 * @param kind          the family
 * @param count         number of functions (≥ 1)
 * @param cutoff        r_c in Å (&gt; 0)
 * @param inner         r_in in Å (0 ≤ r_in &lt; r_c; unused by BESSEL)
 * @param envelopePower p (≥ 2)
 */
public record RadialBasis(Kind kind, int count, double cutoff, double inner, int envelopePower) {
    /** The radial families. */
    public enum Kind {
        /** Spherical Bessel j_0 type, sin(kr)/r. */
        BESSEL,
        /** Chebyshev polynomials in a transformed distance. */
        CHEBYSHEV,
        /** Gaussians on a uniform grid. */
        GAUSSIAN
    }

    /** Validates the parameters, quoting bad values. */
    public RadialBasis {
        Objects.requireNonNull(kind, "kind");
        if (count < 1) {
            throw new IllegalArgumentException("radial basis needs count >= 1, got " + count);
        }
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new IllegalArgumentException("radial cutoff must be finite and > 0, got " + cutoff);
        }
        if (!(inner >= 0) || !(inner < cutoff)) {
            throw new IllegalArgumentException("radial inner radius must be in [0, cutoff), got " + inner);
        }
        if (envelopePower < 2) {
            throw new IllegalArgumentException("envelope power must be >= 2, got " + envelopePower);
        }
    }
}
