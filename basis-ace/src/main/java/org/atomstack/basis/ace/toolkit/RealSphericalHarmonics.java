package org.atomstack.basis.ace.toolkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atomstack.api.tensor.SparsePolynomial;

/**
 * Real spherical harmonics Y_lm(r̂) for 0 ≤ l ≤ lmax, orthonormal on the unit sphere
 * (∫ Y_lm Y_l'm' dΩ = δ_ll' δ_mm'), evaluated in Cartesian form by recursion.
 *
 * <p><b>Convention</b> (no Condon–Shortley phase): with r̂ = (x, y, z) = (sinθ cosφ, sinθ sinφ, cosθ),
 * N_lm = √((2l+1)/(4π) · (l−|m|)!/(l+|m|)!) and P_l^m the associated Legendre function
 * <em>without</em> the factor (−1)^m,
 * <pre>
 *   Y_lm = √2 N_lm P_l^m(cosθ)     cos(mφ)     for m &gt; 0,
 *   Y_l0 =    N_l0 P_l(cosθ),
 *   Y_lm = √2 N_l|m| P_l^|m|(cosθ) sin(|m|φ)  for m &lt; 0,
 * </pre>
 * so Y_00 = 1/√(4π) and (Y_1,−1, Y_10, Y_11) = √(3/(4π)) (y, z, x). These equal
 * √2 (−1)^m Re Y_l^m (m &gt; 0) and √2 (−1)^m Im Y_l^|m| (m &lt; 0) of the standard complex
 * harmonics with the Condon–Shortley phase (see {@link ClebschGordan#realToComplex}).
 *
 * <p><b>Evaluation</b>: no angles are formed. With u = r/|r|, sin^|m|θ cos(mφ) and
 * sin^|m|θ sin(|m|φ) are the real and imaginary parts of (u_x + i u_y)^|m|, built by complex
 * multiplication, and P_l^m(z)/sin^mθ is a polynomial in z = u_z obtained by the normalised
 * three-term recursion Q_l^m = a_lm (z Q_{l−1}^m − b_lm Q_{l−2}^m), a_lm = √((4l²−1)/(l²−m²)),
 * b_lm = √(((l−1)²−m²)/(4(l−1)²−1)), started from Q_m^m = Q_{m−1}^{m−1}·√((2m+1)/(2m)),
 * Q_00 = 1/√(4π). This is stable for every l supported here.
 *
 * <p><b>Index</b>: the function (l, m) is stored at {@link #index}(l, m) = l² + l + m, so the
 * arrays have (lmax+1)² entries in order (0,0), (1,−1), (1,0), (1,1), (2,−2), ...
 *
 * <p>Immutable and thread-safe; the evaluation methods write only to the caller's arrays.
 */
public final class RealSphericalHarmonics {
    /** Largest supported degree l. */
    public static final int MAX_L = 60;

    private final int lmax;
    /** a_lm and b_lm of the recursion, indexed [l][m]. */
    private final double[][] a;
    private final double[][] b;
    /** Q_mm, indexed [m], including the √2 of m &gt; 0. */
    private final double[] qmm;

    /**
     * Prepares the recursion coefficients.
     *
     * @param lmax the largest degree, 0 ≤ lmax ≤ {@link #MAX_L}
     * @throws IllegalArgumentException quoting lmax when it is out of range
     */
    public RealSphericalHarmonics(int lmax) {
        if (lmax < 0 || lmax > MAX_L) {
            throw new IllegalArgumentException("spherical harmonics: lmax must be in 0.." + MAX_L + ", got " + lmax);
        }
        this.lmax = lmax;
        a = new double[lmax + 1][lmax + 1];
        b = new double[lmax + 1][lmax + 1];
        for (int l = 1; l <= lmax; l++) {
            for (int m = 0; m < l; m++) {
                a[l][m] = Math.sqrt((4.0 * l * l - 1) / ((double) l * l - (double) m * m));
                double lm1 = l - 1;
                b[l][m] = l - 1 > m ? Math.sqrt((lm1 * lm1 - (double) m * m) / (4 * lm1 * lm1 - 1)) : 0;
            }
        }
        qmm = new double[lmax + 1];
        double q = 1 / Math.sqrt(4 * Math.PI);
        qmm[0] = q;
        for (int m = 1; m <= lmax; m++) {
            q *= Math.sqrt((2.0 * m + 1) / (2.0 * m));
            qmm[m] = q * Math.sqrt(2);
        }
    }

    /**
     * The largest degree.
     *
     * @return the largest degree
     */
    public int lmax() {
        return lmax;
    }

    /**
     * Number of functions, (lmax+1)².
     *
     * @return number of functions, (lmax+1)²
     */
    public int size() {
        return (lmax + 1) * (lmax + 1);
    }

    /**
     * Storage index of (l, m): l² + l + m.
     *
     * @param l degree ≥ 0
     * @param m order, −l ≤ m ≤ l
     * @return the index
     */
    public static int index(int l, int m) {
        return l * l + l + m;
    }

    /**
     * Evaluates Y_lm(r/|r|) for all l ≤ lmax.
     *
     * @param x   r_x (any non-zero length; only the direction is used)
     * @param y   r_y
     * @param z   r_z
     * @param out at least {@link #size()} values, written at {@link #index}(l, m)
     * @throws IllegalArgumentException when r = 0 or is not finite
     */
    public void evaluate(double x, double y, double z, double[] out) {
        compute(x, y, z, out, null);
    }

    /**
     * Evaluates Y_lm(r/|r|) and its gradient with respect to the unnormalised vector r:
     * ∂Y_lm/∂r = (I − r̂ r̂ᵀ) ∇_u Y_lm(u) / |r| (the radial component vanishes).
     *
     * @param x    r_x in any length unit (gradients are per that unit)
     * @param y    r_y
     * @param z    r_z
     * @param out  at least {@link #size()} values
     * @param grad at least 3·{@link #size()} values: grad[3·index(l, m) + c] = ∂Y_lm/∂r_c
     * @throws IllegalArgumentException when r = 0 or is not finite
     */
    public void evaluateWithGradient(double x, double y, double z, double[] out, double[] grad) {
        compute(x, y, z, out, grad);
    }

    private void compute(double x, double y, double z, double[] out, double[] grad) {
        double r = Math.sqrt(x * x + y * y + z * z);
        if (!(r > 0) || !Double.isFinite(r)) {
            throw new IllegalArgumentException("spherical harmonics need a finite non-zero vector, got (" + x + ", " + y + ", " + z + ")");
        }
        double ux = x / r;
        double uy = y / r;
        double uz = z / r;
        boolean g = grad != null;
        // C_m + i S_m = (ux + i uy)^m; derivatives: dC_m/dx = m C_{m-1}, dC_m/dy = -m S_{m-1},
        // dS_m/dx = m S_{m-1}, dS_m/dy = m C_{m-1}.
        double cPrev = 1;
        double sPrev = 0;
        for (int m = 0; m <= lmax; m++) {
            double c;
            double s;
            if (m == 0) {
                c = 1;
                s = 0;
            } else {
                c = ux * cPrev - uy * sPrev;
                s = ux * sPrev + uy * cPrev;
            }
            // Q_l^m(z) and dQ/dz for l = m..lmax
            double q2 = 0;
            double dq2 = 0;
            double q1 = qmm[m];
            double dq1 = 0;
            for (int l = m; l <= lmax; l++) {
                double q = q1;
                double dq = dq1;
                if (l > m) {
                    q = a[l][m] * (uz * q1 - b[l][m] * q2);
                    dq = a[l][m] * (q1 + uz * dq1 - b[l][m] * dq2);
                    q2 = q1;
                    dq2 = dq1;
                    q1 = q;
                    dq1 = dq;
                }
                int base = l * l + l;
                if (m == 0) {
                    out[base] = q;
                    if (g) {
                        project(grad, 3 * base, 0, 0, dq, ux, uy, uz, r);
                    }
                } else {
                    out[base + m] = q * c;
                    out[base - m] = q * s;
                    if (g) {
                        double dcx = m * cPrev;
                        double dcy = -m * sPrev;
                        double dsx = m * sPrev;
                        double dsy = m * cPrev;
                        project(grad, 3 * (base + m), q * dcx, q * dcy, dq * c, ux, uy, uz, r);
                        project(grad, 3 * (base - m), q * dsx, q * dsy, dq * s, ux, uy, uz, r);
                    }
                }
            }
            cPrev = c;
            sPrev = s;
        }
    }

    private static void project(double[] grad, int at, double gx, double gy, double gz, double ux, double uy, double uz, double r) {
        double dot = gx * ux + gy * uy + gz * uz;
        grad[at] = (gx - dot * ux) / r;
        grad[at + 1] = (gy - dot * uy) / r;
        grad[at + 2] = (gz - dot * uz) / r;
    }

    /**
     * The solid harmonics r^l Y_lm(r̂) as homogeneous polynomials of degree l in (x, y, z)
     * (P = 3 variables, in that order), one output per (l, m) at {@link #index}(l, m), same
     * normalisation and phase as {@link #evaluate}. Built by the same recursion with z·Q_{l−1}
     * and r²·Q_{l−2} = (x²+y²+z²)·Q_{l−2} expanded symbolically; terms below 1e-300 in magnitude
     * are dropped (exact zeros).
     *
     * @return K = (lmax+1)² polynomials in 3 variables
     */
    public SparsePolynomial solidHarmonics() {
        List<Integer> outIdx = new ArrayList<>();
        List<Double> coeffs = new ArrayList<>();
        List<int[]> exps = new ArrayList<>();
        // Re/Im of (x + i y)^m as polynomials
        Map<Long, Double> cPoly = Map.of(key(0, 0, 0), 1.0);
        Map<Long, Double> sPoly = Map.of();
        Map<Long, Double> r2 = Map.of(key(2, 0, 0), 1.0, key(0, 2, 0), 1.0, key(0, 0, 2), 1.0);
        Map<Long, Double> zPoly = Map.of(key(0, 0, 1), 1.0);
        Map<Long, Double> xPoly = Map.of(key(1, 0, 0), 1.0);
        Map<Long, Double> yPoly = Map.of(key(0, 1, 0), 1.0);
        for (int m = 0; m <= lmax; m++) {
            if (m > 0) {
                Map<Long, Double> c = add(mul(xPoly, cPoly), mul(yPoly, sPoly), -1);
                Map<Long, Double> s = add(mul(xPoly, sPoly), mul(yPoly, cPoly), 1);
                cPoly = c;
                sPoly = s;
            }
            Map<Long, Double> q2 = Map.of();
            Map<Long, Double> q1 = Map.of(key(0, 0, 0), qmm[m]);
            for (int l = m; l <= lmax; l++) {
                Map<Long, Double> q;
                if (l == m) {
                    q = q1;
                } else {
                    q = scale(add(mul(zPoly, q1), mul(r2, q2), -b[l][m]), a[l][m]);
                    q2 = q1;
                    q1 = q;
                }
                int base = l * l + l;
                if (m == 0) {
                    emit(base, q, outIdx, coeffs, exps);
                } else {
                    emit(base + m, mul(q, cPoly), outIdx, coeffs, exps);
                    emit(base - m, mul(q, sPoly), outIdx, coeffs, exps);
                }
            }
        }
        int n = outIdx.size();
        int[] out = new int[n];
        double[] c = new double[n];
        int[] e = new int[3 * n];
        for (int t = 0; t < n; t++) {
            out[t] = outIdx.get(t);
            c[t] = coeffs.get(t);
            System.arraycopy(exps.get(t), 0, e, 3 * t, 3);
        }
        return new SparsePolynomial(size(), 3, out, c, e);
    }

    private static void emit(int output, Map<Long, Double> p, List<Integer> outIdx, List<Double> coeffs, List<int[]> exps) {
        p.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(en -> {
            if (Math.abs(en.getValue()) > 1e-300) {
                long k = en.getKey();
                outIdx.add(output);
                coeffs.add(en.getValue());
                exps.add(new int[] {(int) (k >> 32), (int) ((k >> 16) & 0xFFFF), (int) (k & 0xFFFF)});
            }
        });
    }

    private static long key(int ex, int ey, int ez) {
        return ((long) ex << 32) | ((long) ey << 16) | ez;
    }

    private static Map<Long, Double> mul(Map<Long, Double> p, Map<Long, Double> q) {
        Map<Long, Double> out = new HashMap<>();
        for (Map.Entry<Long, Double> u : p.entrySet()) {
            for (Map.Entry<Long, Double> v : q.entrySet()) {
                out.merge(u.getKey() + v.getKey(), u.getValue() * v.getValue(), Double::sum);
            }
        }
        return out;
    }

    private static Map<Long, Double> add(Map<Long, Double> p, Map<Long, Double> q, double f) {
        Map<Long, Double> out = new HashMap<>(p);
        for (Map.Entry<Long, Double> v : q.entrySet()) {
            out.merge(v.getKey(), f * v.getValue(), Double::sum);
        }
        return out;
    }

    private static Map<Long, Double> scale(Map<Long, Double> p, double f) {
        Map<Long, Double> out = new HashMap<>();
        p.forEach((k, v) -> out.put(k, f * v));
        return out;
    }
}
