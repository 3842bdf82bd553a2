package org.atomstack.basis.cartesian.internal;

import org.atomstack.api.tensor.RadialBasis;

/**
 * Host evaluation of the api's {@link RadialBasis} family with values and first derivatives,
 * the same functions the backends' fused kernel {@code TensorOps.radialBasis} computes:
 * R_n(r) = f_n(r) · u(r/r_c) with the polynomial envelope
 * u(s) = 1 − (p+1)(p+2)/2 s^p + p(p+2) s^{p+1} − p(p+1)/2 s^{p+2} (u, u' and u'' vanish at
 * s = 1; R = 0 for r ≥ r_c) and f_n
 * <ul>
 *   <li>BESSEL: √(2/r_c) sin((n+1)π r/r_c)/r (its series near r = 0);</li>
 *   <li>CHEBYSHEV: T_n(x), x = 2(r − r_in)/(r_c − r_in) − 1;</li>
 *   <li>GAUSSIAN: exp(−(r − μ_n)²/(2σ²)), μ_n = r_in + nΔ, σ = Δ = (r_c − r_in)/max(count − 1, 1).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class EnvelopedRadial implements RadialFunctions {
    private final RadialBasis spec;

    /**
     * The radial functions of {@code spec}.
     *
     * @param spec kind, count, cutoff, inner radius and envelope power
     */
    public EnvelopedRadial(RadialBasis spec) {
        this.spec = spec;
    }

    /**
     * The api description of these functions (for {@code Graph.radialBasis}).
     *
     * @return the spec
     */
    public RadialBasis spec() {
        return spec;
    }

    @Override
    public int count() {
        return spec.count();
    }

    @Override
    public double cutoff() {
        return spec.cutoff();
    }

    @Override
    public void evaluate(double r, double[] values, double[] derivatives) {
        int count = spec.count();
        double rc = spec.cutoff();
        if (!(r < rc)) {
            java.util.Arrays.fill(values, 0, count, 0);
            if (derivatives != null) {
                java.util.Arrays.fill(derivatives, 0, count, 0);
            }
            return;
        }
        int p = spec.envelopePower();
        double s = r / rc;
        double sp1 = Math.pow(s, p - 1);
        double sp = sp1 * s;
        double u = 1 - (p + 1) * (p + 2) / 2.0 * sp + p * (p + 2.0) * sp * s - p * (p + 1) / 2.0 * sp * s * s;
        double du = (-(p + 1) * (p + 2) / 2.0 * p * sp1 + p * (p + 2.0) * (p + 1) * sp - p * (p + 1) / 2.0 * (p + 2) * sp * s) / rc;
        for (int n = 0; n < count; n++) {
            double f;
            double df;
            switch (spec.kind()) {
                case BESSEL -> {
                    double a = (n + 1) * Math.PI / rc;
                    double norm = Math.sqrt(2 / rc);
                    double x = a * r;
                    if (x < 1e-3) {
                        // sin(x)/x ≈ 1 − x²/6 + x⁴/120, derivative −x/3 + x³/30
                        f = norm * a * (1 - x * x / 6 + x * x * x * x / 120);
                        df = norm * a * a * (-x / 3 + x * x * x / 30);
                    } else {
                        double sin = Math.sin(x);
                        double cos = Math.cos(x);
                        f = norm * sin / r;
                        df = norm * (a * cos / r - sin / (r * r));
                    }
                }
                case CHEBYSHEV -> {
                    double g = 2 / (rc - spec.inner());
                    double x = g * (r - spec.inner()) - 1;
                    double t0 = 1;
                    double t1 = x;
                    double d0 = 0;
                    double d1 = 1;
                    if (n == 0) {
                        f = 1;
                        df = 0;
                    } else {
                        for (int k = 1; k < n; k++) {
                            double t2 = 2 * x * t1 - t0;
                            double d2 = 2 * t1 + 2 * x * d1 - d0;
                            t0 = t1;
                            t1 = t2;
                            d0 = d1;
                            d1 = d2;
                        }
                        f = t1;
                        df = d1 * g;
                    }
                }
                default -> {
                    double delta = (rc - spec.inner()) / Math.max(count - 1, 1);
                    double t = (r - spec.inner() - n * delta) / delta;
                    f = Math.exp(-0.5 * t * t);
                    df = -t / delta * f;
                }
            }
            values[n] = f * u;
            if (derivatives != null) {
                derivatives[n] = df * u + f * du;
            }
        }
    }
}
