package org.atomstack.basis.ace.toolkit;

import java.util.Locale;
import java.util.Objects;
import org.atomstack.api.tensor.RadialBasis;

/**
 * A radial basis R_n(r), n = 0..count−1, with a smooth cutoff, and its evaluation with first
 * derivatives. Distances in Å. Two families:
 *
 * <p><b>{@link Kind#POLYNOMIAL}</b> (ACEpotentials style): a distance transform
 * y(r) ∈ [−1, 1] with y(r_in) = −1 and y(r_c) = +1, and
 * <pre>
 *   R_n(r) = p_n(y) · (1 − y)^{e_c} · (1 + y)^{e_in},
 * </pre>
 * where p_n are the polynomials orthonormal on [−1, 1] for the weight (1 − y)^α (1 + y)^β:
 * Jacobi with α = 2 e_c, β = 2 e_in ({@link Polynomials#JACOBI}, so the R_n themselves are
 * orthonormal in L²(dy)) or Legendre, α = β = 0 ({@link Polynomials#LEGENDRE}). With e_c ≥ 2,
 * R_n and R_n' vanish at r_c; with e_in ≥ 2 they also vanish at r_in, and R_n = 0 for
 * r ≤ r_in (e_in = 0 leaves the inner end open: y is clamped to −1 below r_in). The transforms:
 * <ul>
 *   <li>{@link Transform#AGNESI} (generalised Agnesi, as ACEpotentials): s = (r − r_in)/(r0 − r_in),
 *       x = 1/(1 + a s^q/(1 + s^{q−p})), a = (−2q + p(4q − 2))/(p + p² + q + q²), then x is
 *       mapped affinely to y with y(r_in) = −1, y(r_c) = 1; the slope |dy/dr| is largest near r0
 *       (needs 1 ≤ p ≤ q);</li>
 *   <li>{@link Transform#POWER}: x = (1 + r/r0)^{−p}, mapped affinely (ACE1's PolyTransform
 *       with the offset a = r0);</li>
 *   <li>{@link Transform#LINEAR}: y = 2 (r − r_in)/(r_c − r_in) − 1 (r0, p, q unused).</li>
 * </ul>
 * The default envelope e_c = e_in = 2 is ACEpotentials' (1 − y²)².
 *
 * <p><b>{@link Kind#BESSEL}</b>: R_n(r) = √(2/r_c) sin((n+1)π r/r_c)/r · u(r/r_c) with the
 * polynomial envelope u(s) = 1 − (e+1)(e+2)/2 s^e + e(e+2) s^{e+1} − e(e+1)/2 s^{e+2} of power e ≥ 2
 * (R, R′ and R″ vanish at r_c for every e), exactly {@link RadialBasis.Kind#BESSEL} of
 * the api's fused kernels ({@link #toKernelBasis()}). No inner cutoff.
 *
 * <p>Immutable and thread-safe; {@link #evaluate} writes only to the caller's arrays.
 */
public final class RadialBasisSpec {
    /** Radial families. */
    public enum Kind {
        /** Orthogonal polynomials of a transformed distance, times an envelope. */
        POLYNOMIAL,
        /** sin(kr)/r with a polynomial envelope. */
        BESSEL
    }

    /** Distance transforms of the polynomial family. */
    public enum Transform {
        /** Generalised Agnesi transform (parameters r0, p, q). */
        AGNESI,
        /** Power transform (1 + r/r0)^−p. */
        POWER,
        /** Linear map of [r_in, r_c] onto [−1, 1]. */
        LINEAR
    }

    /** Polynomial families of the polynomial kind. */
    public enum Polynomials {
        /** Jacobi polynomials orthonormal for the squared envelope (R_n orthonormal in dy). */
        JACOBI,
        /** Orthonormal Legendre polynomials. */
        LEGENDRE
    }

    private final Kind kind;
    private final int count;
    private final double cutoff;
    private final double inner;
    private final Transform transform;
    private final double r0;
    private final double p;
    private final double q;
    private final int envelope;
    private final int envelopeInner;
    private final Polynomials polynomials;
    // derived constants
    private final double agnesiA;
    private final double xIn;
    private final double xCut;
    private final double[] recA; // a_n, n = 0..count (a_0 unused)
    private final double[] recB; // b_n
    private final double p0;

    private RadialBasisSpec(Kind kind, int count, double cutoff, double inner, Transform transform, double r0, double p, double q,
                            int envelope, int envelopeInner, Polynomials polynomials) {
        this.kind = kind;
        this.count = count;
        this.cutoff = cutoff;
        this.inner = inner;
        this.transform = transform;
        this.r0 = r0;
        this.p = p;
        this.q = q;
        this.envelope = envelope;
        this.envelopeInner = envelopeInner;
        this.polynomials = polynomials;
        if (kind == Kind.POLYNOMIAL) {
            agnesiA = transform == Transform.AGNESI ? (-2 * q + p * (4 * q - 2)) / (p + p * p + q + q * q) : 0;
            if (transform == Transform.AGNESI && !(agnesiA > 0)) {
                throw new IllegalArgumentException("Agnesi transform with p = " + p + ", q = " + q + " is degenerate (a = " + agnesiA + " ≤ 0)");
            }
            xIn = rawTransform(inner)[0];
            xCut = rawTransform(cutoff)[0];
            if (!(Math.abs(xCut - xIn) > 1e-12)) {
                throw new IllegalArgumentException("radial transform " + transform + " maps r_in = " + inner + " and r_c = " + cutoff
                    + " to the same value; check r0 = " + r0);
            }
            double alpha = polynomials == Polynomials.JACOBI ? 2 * envelope : 0;
            double beta = polynomials == Polynomials.JACOBI ? 2 * envelopeInner : 0;
            recA = new double[count + 1];
            recB = new double[count + 1];
            double ab = alpha + beta;
            for (int n = 0; n <= count; n++) {
                recB[n] = n == 0 ? (beta - alpha) / (ab + 2) : (beta * beta - alpha * alpha) / ((2 * n + ab) * (2 * n + ab + 2));
                if (n >= 1) {
                    double num = n * (n + alpha) * (n + beta) * (n + ab);
                    double den = (2 * n + ab - 1) * (2 * n + ab + 1);
                    recA[n] = n == 1 && ab == 0 ? Math.sqrt((1 + alpha) * (1 + beta) / 3.0)
                        : 2 / (2 * n + ab) * Math.sqrt(num / den);
                }
            }
            // μ0 = 2^{α+β+1} Γ(α+1) Γ(β+1) / Γ(α+β+2)
            double mu0 = Math.pow(2, ab + 1) * gammaInt(alpha + 1) * gammaInt(beta + 1) / gammaInt(ab + 2);
            p0 = 1 / Math.sqrt(mu0);
        } else {
            agnesiA = 0;
            xIn = 0;
            xCut = 0;
            recA = null;
            recB = null;
            p0 = 0;
        }
    }

    private static double gammaInt(double x) {
        double g = 1;
        for (int k = 2; k < Math.round(x); k++) {
            g *= k;
        }
        return g;
    }

    /**
     * A polynomial radial basis.
     *
     * @param count         number of functions (n = 0..count−1), 1..200
     * @param cutoff        r_c in Å, finite, &gt; inner
     * @param inner         r_in in Å, 0 ≤ r_in &lt; r_c
     * @param transform     the distance transform
     * @param r0            length scale of the transform in Å (AGNESI: r_in &lt; r0; POWER: r0 &gt; 0; LINEAR: ignored)
     * @param p             transform exponent p (AGNESI: 1 ≤ p ≤ q; POWER: p &gt; 0)
     * @param q             transform exponent q (AGNESI only)
     * @param envelope      e_c ≥ 0, power of (1 − y) (2 or more for a smooth cutoff)
     * @param envelopeInner e_in ≥ 0, power of (1 + y); 2 or more when r_in &gt; 0
     * @param polynomials   Jacobi (orthonormal R_n) or Legendre
     * @return the spec
     * @throws IllegalArgumentException quoting the bad value
     */
    public static RadialBasisSpec polynomial(int count, double cutoff, double inner, Transform transform, double r0, double p, double q,
                                             int envelope, int envelopeInner, Polynomials polynomials) {
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(polynomials, "polynomials");
        checkCommon(count, cutoff);
        if (!(inner >= 0) || !(inner < cutoff)) {
            throw new IllegalArgumentException("radial inner cutoff must be in [0, cutoff = " + cutoff + "), got " + inner);
        }
        if (envelope < 0 || envelope > 16) {
            throw new IllegalArgumentException("radial envelope power must be in 0..16, got " + envelope);
        }
        if (envelopeInner < 0 || envelopeInner > 16) {
            throw new IllegalArgumentException("radial inner envelope power must be in 0..16, got " + envelopeInner);
        }
        if (inner > 0 && envelopeInner < 2) {
            throw new IllegalArgumentException("an inner cutoff of " + inner + " Å needs an inner envelope power >= 2 for smoothness, got "
                + envelopeInner);
        }
        switch (transform) {
            case AGNESI -> {
                if (!(r0 > inner) || !Double.isFinite(r0)) {
                    throw new IllegalArgumentException("Agnesi transform needs r0 > inner cutoff " + inner + ", got " + r0);
                }
                if (!(p >= 1) || !(q >= p) || !Double.isFinite(q)) {
                    throw new IllegalArgumentException("Agnesi transform needs 1 <= p <= q, got p = " + p + ", q = " + q);
                }
            }
            case POWER -> {
                if (!(r0 > 0) || !Double.isFinite(r0)) {
                    throw new IllegalArgumentException("power transform needs r0 > 0, got " + r0);
                }
                if (!(p > 0) || !Double.isFinite(p)) {
                    throw new IllegalArgumentException("power transform needs p > 0, got " + p);
                }
            }
            case LINEAR -> {
                r0 = Double.NaN;
                p = Double.NaN;
                q = Double.NaN;
            }
            default -> throw new IllegalStateException();
        }
        if (transform == Transform.POWER) {
            q = Double.NaN;
        }
        return new RadialBasisSpec(Kind.POLYNOMIAL, count, cutoff, inner, transform, r0, p, q, envelope, envelopeInner, polynomials);
    }

    /**
     * A Bessel radial basis.
     *
     * @param count    number of functions (n = 0..count−1), 1..200
     * @param cutoff   r_c in Å
     * @param envelope envelope power e, 2..16
     * @return the spec
     * @throws IllegalArgumentException quoting the bad value
     */
    public static RadialBasisSpec bessel(int count, double cutoff, int envelope) {
        checkCommon(count, cutoff);
        if (envelope < 2 || envelope > 16) {
            throw new IllegalArgumentException("Bessel envelope power must be in 2..16, got " + envelope);
        }
        return new RadialBasisSpec(Kind.BESSEL, count, cutoff, 0, null, Double.NaN, Double.NaN, Double.NaN, envelope, 0, null);
    }

    private static void checkCommon(int count, double cutoff) {
        if (count < 1 || count > 200) {
            throw new IllegalArgumentException("radial basis size must be in 1..200, got " + count);
        }
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new IllegalArgumentException("radial cutoff must be finite and > 0, got " + cutoff);
        }
    }

    /**
     * The family.
     *
     * @return the family
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Number of functions.
     *
     * @return number of functions
     */
    public int count() {
        return count;
    }

    /**
     * r_c, Å.
     *
     * @return r_c, Å
     */
    public double cutoff() {
        return cutoff;
    }

    /**
     * r_in, Å (0 for Bessel).
     *
     * @return r_in, Å (0 for Bessel)
     */
    public double inner() {
        return inner;
    }

    /**
     * The transform (null for Bessel).
     *
     * @return the transform (null for Bessel)
     */
    public Transform transform() {
        return transform;
    }

    /**
     * r0, Å (NaN where unused).
     *
     * @return r0, Å (NaN where unused)
     */
    public double r0() {
        return r0;
    }

    /**
     * Transform exponent p (NaN where unused).
     *
     * @return transform exponent p (NaN where unused)
     */
    public double p() {
        return p;
    }

    /**
     * Transform exponent q (NaN where unused).
     *
     * @return transform exponent q (NaN where unused)
     */
    public double q() {
        return q;
    }

    /**
     * Envelope power at the cutoff (e_c, or e for Bessel).
     *
     * @return envelope power at the cutoff (e_c, or e for Bessel)
     */
    public int envelope() {
        return envelope;
    }

    /**
     * Envelope power at the inner end e_in (0 for Bessel).
     *
     * @return envelope power at the inner end e_in (0 for Bessel)
     */
    public int envelopeInner() {
        return envelopeInner;
    }

    /**
     * The polynomial family (null for Bessel).
     *
     * @return the polynomial family (null for Bessel)
     */
    public Polynomials polynomials() {
        return polynomials;
    }

    /**
     * The same spec with another number of functions.
     *
     * @param newCount number of functions, 1..200
     * @return the same spec with another number of functions
     */
    public RadialBasisSpec withCount(int newCount) {
        checkCommon(newCount, cutoff);
        return new RadialBasisSpec(kind, newCount, cutoff, inner, transform, r0, p, q, envelope, envelopeInner, polynomials);
    }

    /**
     * The equivalent description for the api's fused radial kernels, for the Bessel kind.
     *
     * @return the kernel basis
     * @throws IllegalStateException for the polynomial kind (no fused kernel)
     */
    public RadialBasis toKernelBasis() {
        if (kind != Kind.BESSEL) {
            throw new IllegalStateException("only the Bessel radial basis has a fused kernel");
        }
        return new RadialBasis(RadialBasis.Kind.BESSEL, count, cutoff, 0, envelope);
    }

    /**
     * The transformed distance y(r) ∈ [−1, 1] of the polynomial kind and dy/dr.
     *
     * @param r distance, Å
     * @return {y, dy/dr}
     * @throws IllegalStateException for the Bessel kind
     */
    public double[] transformed(double r) {
        if (kind != Kind.POLYNOMIAL) {
            throw new IllegalStateException("the Bessel radial basis has no distance transform");
        }
        if (r <= inner) {
            return new double[] {-1, 0};
        }
        if (r >= cutoff) {
            return new double[] {1, 0};
        }
        double[] x = rawTransform(r);
        double scale = 2 / (xCut - xIn);
        return new double[] {-1 + scale * (x[0] - xIn), scale * x[1]};
    }

    /** The transform before the affine map: {x(r), dx/dr}. */
    private double[] rawTransform(double r) {
        switch (transform) {
            case AGNESI -> {
                double len = r0 - inner;
                double s = Math.max(0, (r - inner) / len);
                double sqp = Math.pow(s, q - p);
                double den = 1 + sqp;
                double g = agnesiA * Math.pow(s, q) / den;
                double dg = agnesiA * Math.pow(s, q - 1) * (q + p * sqp) / (den * den);
                double x = 1 / (1 + g);
                return new double[] {x, -dg * x * x / len};
            }
            case POWER -> {
                double u = 1 + r / r0;
                double x = Math.pow(u, -p);
                return new double[] {x, -p / r0 * x / u};
            }
            default -> {
                return new double[] {r, 1};
            }
        }
    }

    /**
     * Evaluates all R_n(r) and, if requested, dR_n/dr. Beyond the cutoff (and, with an inner
     * envelope, at or below r_in) everything is zero.
     *
     * @param r           distance, Å, &gt; 0
     * @param values      at least count() outputs
     * @param derivatives at least count() outputs, or null
     */
    public void evaluate(double r, double[] values, double[] derivatives) {
        if (r >= cutoff || (kind == Kind.POLYNOMIAL && r <= inner && envelopeInner > 0)) {
            java.util.Arrays.fill(values, 0, count, 0);
            if (derivatives != null) {
                java.util.Arrays.fill(derivatives, 0, count, 0);
            }
            return;
        }
        if (kind == Kind.BESSEL) {
            evaluateBessel(r, values, derivatives);
        } else {
            evaluatePolynomial(r, values, derivatives);
        }
    }

    /**
     * The orthonormal polynomials p_n(y), n = 0..count−1, of the polynomial kind at a transformed
     * distance y, so that R_n(r) = p_n(y(r)) · (1 − y(r))^{e_c} · (1 + y(r))^{e_in} (y from
     * {@link #transformed}). They are orthonormal on [−1, 1] for the weight (1 − y)^α (1 + y)^β with
     * α = 2e_c, β = 2e_in ({@link Polynomials#JACOBI}) or α = β = 0 ({@link Polynomials#LEGENDRE}).
     * Used to linearise products of radial functions exactly (purification).
     *
     * @param y      transformed distance (any real; the polynomials are evaluated as such)
     * @param values at least count() outputs
     * @throws IllegalStateException for the Bessel kind
     */
    public void polynomialValues(double y, double[] values) {
        if (kind != Kind.POLYNOMIAL) {
            throw new IllegalStateException("the Bessel radial basis is not a polynomial family");
        }
        double pPrev = 0;
        double pn = p0;
        for (int n = 0; n < count; n++) {
            values[n] = pn;
            double an = n == 0 ? 0 : recA[n];
            double pNext = ((y - recB[n]) * pn - an * pPrev) / recA[n + 1];
            pPrev = pn;
            pn = pNext;
        }
    }

    private void evaluatePolynomial(double r, double[] values, double[] derivatives) {
        double[] t = transformed(r);
        double y = t[0];
        double dy = t[1];
        double om = 1 - y;
        double op = 1 + y;
        double env = ipow(om, envelope) * ipow(op, envelopeInner);
        double denv = (envelope > 0 ? -envelope * ipow(om, envelope - 1) * ipow(op, envelopeInner) : 0)
            + (envelopeInner > 0 ? envelopeInner * ipow(om, envelope) * ipow(op, envelopeInner - 1) : 0);
        double pPrev = 0;
        double dpPrev = 0;
        double pn = p0;
        double dpn = 0;
        for (int n = 0; n < count; n++) {
            values[n] = pn * env;
            if (derivatives != null) {
                derivatives[n] = (dpn * env + pn * denv) * dy;
            }
            // x p_n = a_{n+1} p_{n+1} + b_n p_n + a_n p_{n-1}
            double an = n == 0 ? 0 : recA[n];
            double pNext = ((y - recB[n]) * pn - an * pPrev) / recA[n + 1];
            double dpNext = (pn + (y - recB[n]) * dpn - an * dpPrev) / recA[n + 1];
            pPrev = pn;
            dpPrev = dpn;
            pn = pNext;
            dpn = dpNext;
        }
    }

    private void evaluateBessel(double r, double[] values, double[] derivatives) {
        double norm = Math.sqrt(2 / cutoff);
        double s = r / cutoff;
        int e = envelope;
        double u = 1 - (e + 1) * (e + 2) / 2.0 * ipow(s, e) + e * (e + 2) * ipow(s, e + 1) - e * (e + 1) / 2.0 * ipow(s, e + 2);
        double du = -e * (e + 1) * (e + 2) / 2.0 * ipow(s, e - 1) * (1 - s) * (1 - s) / cutoff;
        double theta = Math.PI * s;
        double c1 = Math.cos(theta);
        double s1 = Math.sin(theta);
        double sn = s1;
        double cn = c1;
        for (int n = 0; n < count; n++) {
            double k = (n + 1) * Math.PI / cutoff;
            double f = norm * sn / r;
            values[n] = f * u;
            if (derivatives != null) {
                double df = norm * (k * cn * r - sn) / (r * r);
                derivatives[n] = df * u + f * du;
            }
            double sNext = sn * c1 + cn * s1;
            double cNext = cn * c1 - sn * s1;
            sn = sNext;
            cn = cNext;
        }
    }

    private static double ipow(double x, int k) {
        double v = 1;
        for (int i = 0; i < k; i++) {
            v *= x;
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RadialBasisSpec s && kind == s.kind && count == s.count && Double.compare(cutoff, s.cutoff) == 0
            && Double.compare(inner, s.inner) == 0 && transform == s.transform && Double.compare(r0, s.r0) == 0
            && Double.compare(p, s.p) == 0 && Double.compare(q, s.q) == 0 && envelope == s.envelope
            && envelopeInner == s.envelopeInner && polynomials == s.polynomials;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, count, cutoff, inner, transform, r0, p, q, envelope, envelopeInner, polynomials);
    }

    @Override
    public String toString() {
        if (kind == Kind.BESSEL) {
            return String.format(Locale.ROOT, "RadialBasisSpec[bessel, %d functions, r_c = %g Å, envelope %d]", count, cutoff, envelope);
        }
        return String.format(Locale.ROOT, "RadialBasisSpec[polynomial %s, %d functions, r_in = %g Å, r_c = %g Å, %s r0 = %g p = %g q = %g, envelope (1-y)^%d (1+y)^%d]",
            polynomials.name().toLowerCase(Locale.ROOT), count, inner, cutoff, transform.name().toLowerCase(Locale.ROOT), r0, p, q,
            envelope, envelopeInner);
    }
}
