package org.atomstack.purification.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atomstack.basis.ace.toolkit.RadialBasisSpec;

/**
 * Linearisation coefficients of products of radial functions, Π_{t=1..b} R_{n_t}(r) =
 * Σ_ν ρ_ν R_ν(r), the radial half of the linearisation φ_{k1} φ_{k2} = Σ_κ P_κ^{k1 k2} φ_κ
 * (Eq. 12 of the purification paper; the angular half is {@link AngularProducts}).
 *
 * <p><b>Polynomial kind: exact.</b> With R_n = p_n(y) e(y), e = (1 − y)^{e_c} (1 + y)^{e_in} and p_n
 * orthonormal for the weight w = (1 − y)^α (1 + y)^β (see
 * {@link RadialBasisSpec#polynomialValues}), the product is (Π p_{n_t} · e^{b−1}) · e: a polynomial
 * of degree Σ n_t + (b − 1)(e_c + e_in) times the envelope. Its coefficients
 * ρ_ν = ∫ Π p_{n_t} e^{b−1} p_ν w dy, ν = 0..Σ n_t + (b − 1)(e_c + e_in), are computed with a
 * Gauss–Legendre rule that integrates the polynomial integrand exactly. The transform y(r)
 * (Agnesi, power, linear) and r0 do not enter. Because of the envelope the expansion is not
 * degree-preserving: it reaches e_c + e_in beyond Σ n_t (Appendix C.2), which is what extends K
 * to K′.
 *
 * <p><b>Other kinds (Bessel): least squares, Eq. 19.</b> ρ minimises Σ_i w_i r_i² (Π R_{n_t}(r_i) −
 * Σ_ν ρ_ν R_ν(r_i))² over a Gauss–Legendre rule on [0, r_c] (the L²(r² dr) norm in which the
 * un-enveloped Bessel functions are orthonormal), ν = 0..Σ n_t + (b − 1)·extra, one QR factorisation
 * per ν range. Products of Bessel functions are not in the span, so the relative L²(r² dr)
 * residual, measured on an independent finer rule, is checked against {@code tolerance}; a larger
 * one is an error unless the caller raises the tolerance (then the canonical basis is only
 * approximately self-interaction-free).
 *
 * <p>Coefficients with |ρ_ν| ≤ 1e-13·max|ρ| are set to zero (rounding of exact zeros, e.g. the
 * parity zeros when e_c = e_in). Results are cached per sorted n-tuple; not thread-safe (used while
 * building an operator).
 */
final class RadialProducts {
    /** Relative threshold below which a coefficient is a rounding zero. */
    static final double ZERO = 1e-13;

    private final RadialBasisSpec spec;
    private final boolean exact;
    private final double tolerance;
    private final int extra;
    private final Map<IntTuple, double[]> cache = new HashMap<>();
    private final Map<Integer, LeastSquares> designs = new HashMap<>();
    private double worstResidual;

    /**
     * @param spec      the radial basis (its count is irrelevant; more functions are used as needed)
     * @param tolerance largest accepted relative residual of the least-squares fallback
     * @param extra     fallback only: growth of the ν range per extra factor
     */
    RadialProducts(RadialBasisSpec spec, double tolerance, int extra) {
        this.spec = spec;
        this.exact = spec.kind() == RadialBasisSpec.Kind.POLYNOMIAL;
        this.tolerance = tolerance;
        this.extra = extra;
    }

    /**
     * A key under which two radial bases have the same linearisation coefficients: for the
     * polynomial kind the polynomial family and the envelope powers (the transform and r0 do not
     * matter), for Bessel the whole specification (up to the count).
     */
    static List<Object> key(RadialBasisSpec spec) {
        if (spec.kind() == RadialBasisSpec.Kind.POLYNOMIAL) {
            return List.of(spec.kind(), spec.polynomials(), spec.envelope(), spec.envelopeInner());
        }
        return List.of(spec.kind(), spec.cutoff(), spec.envelope());
    }

    /** Whether the coefficients are exact (polynomial kind) rather than least squares. */
    boolean exact() {
        return exact;
    }

    /** The largest relative residual of the least-squares fits so far (0 when exact). */
    double worstResidual() {
        return worstResidual;
    }

    /** Growth of the largest ν per extra factor: e_c + e_in (exact) or the fallback's extra. */
    int growth() {
        return exact ? spec.envelope() + spec.envelopeInner() : extra;
    }

    /**
     * ρ_ν, ν = 0..length−1, for Π_t R_{n_t}.
     *
     * @param ns the radial indices of the factors (≥ 2 of them), ascending
     * @return the coefficients (a shared array; do not modify)
     * @throws ResidualException when the least-squares residual exceeds the tolerance
     */
    double[] coefficients(int[] ns) {
        IntTuple key = new IntTuple(ns.clone());
        double[] c = cache.get(key);
        if (c == null) {
            c = exact ? exactCoefficients(ns) : fittedCoefficients(ns);
            double max = 0;
            for (double v : c) {
                max = Math.max(max, Math.abs(v));
            }
            for (int i = 0; i < c.length; i++) {
                if (Math.abs(c[i]) <= ZERO * max) {
                    c[i] = 0;
                }
            }
            cache.put(key, c);
        }
        return c;
    }

    private double[] exactCoefficients(int[] ns) {
        int b = ns.length;
        int ec = spec.envelope();
        int ein = spec.envelopeInner();
        int sum = Arrays.stream(ns).sum();
        int nuMax = sum + (b - 1) * (ec + ein);
        boolean jacobi = spec.polynomials() == RadialBasisSpec.Polynomials.JACOBI;
        int alpha = jacobi ? 2 * ec : 0;
        int beta = jacobi ? 2 * ein : 0;
        int degree = sum + (b - 1) * (ec + ein) + nuMax + alpha + beta;
        GaussLegendre rule = new GaussLegendre(degree / 2 + 2);
        RadialBasisSpec big = spec.withCount(Math.max(nuMax, ns[b - 1]) + 1);
        double[] p = new double[big.count()];
        double[] c = new double[nuMax + 1];
        for (int q = 0; q < rule.size(); q++) {
            double y = rule.node(q);
            big.polynomialValues(y, p);
            double e = ipow(1 - y, ec) * ipow(1 + y, ein);
            double f = ipow(e, b - 1) * ipow(1 - y, alpha) * ipow(1 + y, beta) * rule.weight(q);
            for (int n : ns) {
                f *= p[n];
            }
            for (int nu = 0; nu <= nuMax; nu++) {
                c[nu] += f * p[nu];
            }
        }
        return c;
    }

    private double[] fittedCoefficients(int[] ns) {
        int b = ns.length;
        int nuMax = Arrays.stream(ns).sum() + (b - 1) * extra;
        int k = nuMax + 1;
        double rc = spec.cutoff();
        GaussLegendre fitRule = new GaussLegendre(3 * k + 40);
        LeastSquares ls = designs.computeIfAbsent(k, kk -> {
            RadialBasisSpec big = spec.withCount(kk);
            int m = fitRule.size();
            double[] a = new double[m * kk];
            double[] v = new double[kk];
            for (int i = 0; i < m; i++) {
                double r = 0.5 * rc * (fitRule.node(i) + 1);
                double sw = Math.sqrt(0.5 * rc * fitRule.weight(i)) * r;
                big.evaluate(r, v, null);
                for (int j = 0; j < kk; j++) {
                    a[j * m + i] = sw * v[j];
                }
            }
            return new LeastSquares(a, m, kk);
        });
        RadialBasisSpec big = spec.withCount(Math.max(k, ns[b - 1] + 1));
        double[] v = new double[big.count()];
        double[] rhs = new double[fitRule.size()];
        for (int i = 0; i < fitRule.size(); i++) {
            double r = 0.5 * rc * (fitRule.node(i) + 1);
            double sw = Math.sqrt(0.5 * rc * fitRule.weight(i)) * r;
            big.evaluate(r, v, null);
            double f = sw;
            for (int n : ns) {
                f *= v[n];
            }
            rhs[i] = f;
        }
        double[] c = ls.solve(rhs);
        // residual on an independent, finer rule
        GaussLegendre check = new GaussLegendre(5 * k + 61);
        double num = 0;
        double den = 0;
        for (int i = 0; i < check.size(); i++) {
            double r = 0.5 * rc * (check.node(i) + 1);
            double w = 0.5 * rc * check.weight(i) * r * r;
            big.evaluate(r, v, null);
            double f = 1;
            for (int n : ns) {
                f *= v[n];
            }
            double g = 0;
            for (int j = 0; j < k; j++) {
                g += c[j] * v[j];
            }
            num += w * (f - g) * (f - g);
            den += w * f * f;
        }
        double rel = den > 0 ? Math.sqrt(num / den) : 0;
        worstResidual = Math.max(worstResidual, rel);
        if (!(rel <= tolerance)) {
            throw new ResidualException(String.format(Locale.ROOT,
                "the product of the %s radial functions n = %s is not a finite combination of them: the least-squares "
                    + "linearisation (Eq. 19, %d functions) leaves a relative residual of %.3g > tolerance %.3g",
                spec.kind().name().toLowerCase(Locale.ROOT), Arrays.toString(ns), k, rel, tolerance));
        }
        return c;
    }

    private static double ipow(double x, int k) {
        double v = 1;
        for (int i = 0; i < k; i++) {
            v *= x;
        }
        return v;
    }

    /** A least-squares linearisation whose residual exceeds the tolerance. */
    static final class ResidualException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ResidualException(String message) {
            super(message);
        }
    }
}
