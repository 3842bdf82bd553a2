package org.atomstack.basis.cartesian.toolkit;

import java.util.ArrayList;
import java.util.List;
import org.atomstack.api.tensor.SparsePolynomial;
import org.atomstack.basis.cartesian.internal.HostPolynomial;

/**
 * Irreducible (symmetric, traceless) Cartesian tensors T^l(r̂) for 0 ≤ l ≤ lmax, as full arrays
 * and as coefficients in an orthonormal basis of the symmetric traceless space.
 *
 * <p><b>Tensors.</b> T^l(r̂) is the traceless part of r̂^{⊗l} (Eq. 10 of Allen et al., "Optimal
 * invariant bases for atomistic machine learning"), built for every l by the detracer formula
 * <pre>
 *   T^l(r̂) = Σ_{k=0}^{⌊l/2⌋} (−1)^k (2l−2k−1)!!/(2l−1)!! · Sym[δ^{⊗k} ⊗ r̂^{⊗(l−2k)}],
 * </pre>
 * where Sym sums over the l!/(2^k k! (l−2k)!) distinct ways of pairing 2k of the l index slots
 * into Kronecker deltas (so T^2 = r̂r̂ − δ/3, T^3 = r̂r̂r̂ − (δr̂ + δr̂ + δr̂)/5). Full arrays have
 * 3^l entries, row-major over (α_1, …, α_l) with α ∈ {0 = x, 1 = y, 2 = z}. Their squared
 * Frobenius norm is |T^l(r̂)|² = l!/(2l−1)!!.
 *
 * <p><b>Coefficients.</b> The symmetric traceless tensors of order l form a (2l+1)-dimensional
 * space with the Frobenius inner product ⟨A, B⟩ = Σ_α A_α B_α. Its orthonormal basis E^l_m,
 * m = −l..l, is built from the real solid harmonics: E^l_m is the symmetric tensor of the
 * harmonic polynomial r^l Y_lm (Π_l^{|m|}(z, r²) times Re or Im of (x + iy)^{|m|}, with the
 * homogenised associated-Legendre recursion, no Condon–Shortley phase), scaled to unit
 * Frobenius norm. Coefficients c^l_m = ⟨E^l_m, A⟩ and arrays A = Σ_m c^l_m E^l_m are related
 * by an isometry: the Frobenius norm of a symmetric traceless array equals the Euclidean norm of
 * its coefficient vector, and full contractions of arrays equal the same contractions of
 * coefficient expansions. For T^l itself
 * <pre>
 *   c^l_m(r̂) = κ_l Y_lm(r̂),   κ_l = √(4π l!/(2l+1)!!),
 * </pre>
 * with the real spherical harmonics Y_lm orthonormal on the sphere, without Condon–Shortley
 * phase (Y_lm ∝ cos(mφ) for m &gt; 0, sin(|m|φ) for m &lt; 0; so (c^1_{−1}, c^1_0, c^1_1) =
 * (y, z, x) for r̂ = (x, y, z)). This is the convention of basis-ace's RealSphericalHarmonics,
 * so A_{i,a,lm} of ACE and the coefficients here differ only by the factor κ_l.
 *
 * <p><b>Storage.</b> All orders are concatenated: coefficient (l, m) lives at {@link #index}(l, m)
 * = l² + l + m, so (lmax+1)² coefficients in order (0,0), (1,−1), (1,0), (1,1), (2,−2), …
 *
 * <p><b>Polynomials.</b> The coefficients of r^l T^l(r̂) = T^l(r) are homogeneous polynomials
 * q_lm(r) of degree l in the edge vector (the normalised solid harmonics); {@link #polynomial()}
 * returns them as a {@link SparsePolynomial} with P = 3 variables and (lmax+1)² outputs, and
 * c^l_m(r̂) = q_lm(r)/|r|^l = q_lm(r̂).
 *
 * <p>Immutable and thread-safe.
 */
public final class IrreducibleTensors {
    /** Largest supported order (full arrays of order 8 have 6561 entries). */
    public static final int MAX_L = 8;

    private final int lmax;
    private final SparsePolynomial polynomial;
    private final HostPolynomial host;
    private final int[] orderOf;
    /** basis[l]: (2l+1) rows of 3^l entries, the arrays E^l_m. */
    private final double[][] basis;

    /**
     * Builds the tensors and bases up to order {@code lmax}.
     *
     * @param lmax the largest order, 0 ≤ lmax ≤ {@link #MAX_L}
     * @throws IllegalArgumentException quoting lmax when out of range
     */
    public IrreducibleTensors(int lmax) {
        if (lmax < 0 || lmax > MAX_L) {
            throw new IllegalArgumentException("irreducible tensors: lmax must be in 0.." + MAX_L + ", got " + lmax);
        }
        this.lmax = lmax;
        int size = (lmax + 1) * (lmax + 1);
        orderOf = new int[size];
        for (int l = 0; l <= lmax; l++) {
            for (int m = -l; m <= l; m++) {
                orderOf[index(l, m)] = l;
            }
        }
        List<double[]> harmonics = solidHarmonics(lmax);
        List<Integer> outs = new ArrayList<>();
        List<Double> coeffs = new ArrayList<>();
        List<int[]> exps = new ArrayList<>();
        basis = new double[lmax + 1][];
        for (int l = 0; l <= lmax; l++) {
            int full = pow3(l);
            basis[l] = new double[(2 * l + 1) * full];
            int[][] counts = countsOfIndices(l);
            for (int m = -l; m <= l; m++) {
                double[] p = harmonics.get(index(l, m));
                double norm2 = 0;
                double largest = 0;
                for (int a = 0; a <= l; a++) {
                    for (int b = 0; a + b <= l; b++) {
                        double c = p[a * (l + 1) + b];
                        norm2 += c * c / multinomial(l, a, b, l - a - b);
                        largest = Math.max(largest, Math.abs(c));
                    }
                }
                double norm = Math.sqrt(norm2);
                for (int a = 0; a <= l; a++) {
                    for (int b = 0; a + b <= l; b++) {
                        double c = p[a * (l + 1) + b];
                        if (Math.abs(c) > 1e-13 * largest) {
                            outs.add(index(l, m));
                            coeffs.add(c / norm);
                            exps.add(new int[] {a, b, l - a - b});
                        }
                    }
                }
                int row = (m + l) * full;
                for (int i = 0; i < full; i++) {
                    int a = counts[i][0];
                    int b = counts[i][1];
                    int c = counts[i][2];
                    double v = p[a * (l + 1) + b];
                    basis[l][row + i] = Math.abs(v) > 1e-13 * largest ? v / norm / multinomial(l, a, b, c) : 0;
                }
            }
        }
        int terms = outs.size();
        int[] out = new int[terms];
        double[] coeff = new double[terms];
        int[] exponents = new int[3 * terms];
        for (int t = 0; t < terms; t++) {
            out[t] = outs.get(t);
            coeff[t] = coeffs.get(t);
            System.arraycopy(exps.get(t), 0, exponents, 3 * t, 3);
        }
        polynomial = new SparsePolynomial(size, 3, out, coeff, exponents);
        host = new HostPolynomial(polynomial);
    }

    /**
     * The largest order.
     *
     * @return lmax
     */
    public int lmax() {
        return lmax;
    }

    /**
     * Number of coefficients of all orders 0..lmax.
     *
     * @return (lmax+1)²
     */
    public int size() {
        return orderOf.length;
    }

    /**
     * Storage index of coefficient (l, m): l² + l + m.
     *
     * @param l order ≥ 0
     * @param m −l ≤ m ≤ l
     * @return the index
     */
    public static int index(int l, int m) {
        return l * l + l + m;
    }

    /**
     * First index of order l, l².
     *
     * @param l order ≥ 0
     * @return the offset of (l, −l)
     */
    public static int offset(int l) {
        return l * l;
    }

    /**
     * Dimension of the symmetric traceless space of order l, 2l + 1.
     *
     * @param l order ≥ 0
     * @return 2l + 1
     */
    public static int dimension(int l) {
        return 2 * l + 1;
    }

    /**
     * The order l of the coefficient stored at {@code index}.
     *
     * @param index 0 ≤ index &lt; {@link #size()}
     * @return its order
     */
    public int orderOf(int index) {
        return orderOf[index];
    }

    /**
     * |T^l(r̂)|² = l!/(2l−1)!! (Frobenius norm squared of the array, equal to the squared norm of
     * its coefficient vector).
     *
     * @param l order ≥ 0
     * @return the squared norm
     */
    public static double normSquared(int l) {
        double v = 1;
        for (int k = 1; k <= l; k++) {
            v *= k / (2.0 * k - 1);
        }
        return v;
    }

    /**
     * The coefficients of r^l T^l(r̂) as homogeneous polynomials of the edge vector
     * r = (x, y, z): K = (lmax+1)² outputs at {@link #index}(l, m), P = 3 variables.
     *
     * @return the sparse polynomial
     */
    public SparsePolynomial polynomial() {
        return polynomial;
    }

    /**
     * Coefficients c^l_m(r̂) of T^l(r̂) for all l ≤ lmax.
     *
     * @param x      r_x (any non-zero length; only the direction is used)
     * @param y      r_y
     * @param z      r_z
     * @param out    receives {@link #size()} values from {@code offset}
     * @param offset offset in out
     * @throws IllegalArgumentException when r is zero or not finite
     */
    public void coefficients(double x, double y, double z, double[] out, int offset) {
        double r = length(x, y, z);
        host.evaluate(new double[] {x / r, y / r, z / r}, 0, out, offset);
    }

    /**
     * Coefficients c^l_m(r̂) and their derivatives with respect to the unnormalised vector r:
     * ∂c/∂r = (∇q(r̂) − l q(r̂) r̂)/|r| (tangential; the radial component vanishes).
     *
     * @param x          r_x in any length unit (gradients are per that unit)
     * @param y          r_y
     * @param z          r_z
     * @param out        receives {@link #size()} values from {@code offset}
     * @param offset     offset in out
     * @param grad       receives 3 · {@link #size()} values from {@code gradOffset}:
     *                   grad[gradOffset + 3·index + c] = ∂c_index/∂r_c
     * @param gradOffset offset in grad
     * @throws IllegalArgumentException when r is zero or not finite
     */
    public void coefficients(double x, double y, double z, double[] out, int offset, double[] grad, int gradOffset) {
        double r = length(x, y, z);
        double[] u = {x / r, y / r, z / r};
        host.evaluate(u, 0, out, offset, grad, gradOffset);
        double inv = 1 / r;
        for (int k = 0; k < orderOf.length; k++) {
            double lq = orderOf[k] * out[offset + k];
            int g = gradOffset + 3 * k;
            for (int c = 0; c < 3; c++) {
                grad[g + c] = (grad[g + c] - lq * u[c]) * inv;
            }
        }
    }

    private static double length(double x, double y, double z) {
        double r = Math.sqrt(x * x + y * y + z * z);
        if (!(r > 0) || !Double.isFinite(r)) {
            throw new IllegalArgumentException("irreducible tensors need a finite non-zero vector, got (" + x + ", " + y + ", " + z + ")");
        }
        return r;
    }

    /**
     * The orthonormal basis array E^l_m (3^l entries, row-major).
     *
     * @param l order, 0 ≤ l ≤ lmax
     * @param m −l ≤ m ≤ l
     * @return a new array
     */
    public double[] basisArray(int l, int m) {
        checkOrder(l);
        if (m < -l || m > l) {
            throw new IllegalArgumentException("basis array: m must be in " + -l + ".." + l + ", got " + m);
        }
        int full = pow3(l);
        double[] out = new double[full];
        System.arraycopy(basis[l], (m + l) * full, out, 0, full);
        return out;
    }

    /**
     * The symmetric traceless array Σ_m c_m E^l_m of a coefficient vector of order l.
     *
     * @param l            order, 0 ≤ l ≤ lmax
     * @param coefficients 2l+1 values (m = −l..l) from {@code offset}
     * @param offset       offset in coefficients
     * @return a new array of 3^l entries
     */
    public double[] toArray(int l, double[] coefficients, int offset) {
        checkOrder(l);
        int full = pow3(l);
        double[] out = new double[full];
        for (int m = 0; m < 2 * l + 1; m++) {
            double c = coefficients[offset + m];
            int row = m * full;
            for (int i = 0; i < full; i++) {
                out[i] += c * basis[l][row + i];
            }
        }
        return out;
    }

    /**
     * Coefficients c_m = ⟨E^l_m, A⟩ of an array of order l (for a symmetric traceless A this
     * inverts {@link #toArray}; otherwise it is the orthogonal projection onto that space).
     *
     * @param l     order, 0 ≤ l ≤ lmax
     * @param array 3^l entries, row-major
     * @return 2l+1 coefficients, m = −l..l
     */
    public double[] toCoefficients(int l, double[] array) {
        checkOrder(l);
        int full = pow3(l);
        if (array.length != full) {
            throw new IllegalArgumentException("an array of order " + l + " needs " + full + " entries, got " + array.length);
        }
        double[] out = new double[2 * l + 1];
        for (int m = 0; m < out.length; m++) {
            double s = 0;
            for (int i = 0; i < full; i++) {
                s += basis[l][m * full + i] * array[i];
            }
            out[m] = s;
        }
        return out;
    }

    private void checkOrder(int l) {
        if (l < 0 || l > lmax) {
            throw new IllegalArgumentException("order l must be in 0.." + lmax + ", got " + l);
        }
    }

    /**
     * The full array T^l(r̂) by the detracer formula (independent of the coefficient basis).
     *
     * @param l order, 0 ≤ l ≤ {@link #MAX_L}
     * @param x r_x (any non-zero length; only the direction is used)
     * @param y r_y
     * @param z r_z
     * @return 3^l entries, row-major
     * @throws IllegalArgumentException when l is out of range or r is zero or not finite
     */
    public static double[] array(int l, double x, double y, double z) {
        if (l < 0 || l > MAX_L) {
            throw new IllegalArgumentException("order l must be in 0.." + MAX_L + ", got " + l);
        }
        double r = length(x, y, z);
        double[] u = {x / r, y / r, z / r};
        double[][] pw = new double[3][l + 1];
        for (int c = 0; c < 3; c++) {
            pw[c][0] = 1;
            for (int e = 1; e <= l; e++) {
                pw[c][e] = pw[c][e - 1] * u[c];
            }
        }
        // entry value depends only on the counts (a, b, c) of x, y, z indices
        double[][] byCounts = new double[l + 1][l + 1];
        for (int a = 0; a <= l; a++) {
            for (int b = 0; a + b <= l; b++) {
                int c = l - a - b;
                double s = 0;
                for (int ka = 0; 2 * ka <= a; ka++) {
                    for (int kb = 0; 2 * kb <= b; kb++) {
                        for (int kc = 0; 2 * kc <= c; kc++) {
                            int k = ka + kb + kc;
                            double w = ((k & 1) == 0 ? 1 : -1) * doubleFactorial(2 * l - 2 * k - 1) / doubleFactorial(2 * l - 1)
                                * pairings(a, ka) * pairings(b, kb) * pairings(c, kc);
                            s += w * pw[0][a - 2 * ka] * pw[1][b - 2 * kb] * pw[2][c - 2 * kc];
                        }
                    }
                }
                byCounts[a][b] = s;
            }
        }
        int[][] counts = countsOfIndices(l);
        double[] out = new double[counts.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = byCounts[counts[i][0]][counts[i][1]];
        }
        return out;
    }

    /** Number of ways to choose k disjoint pairs among n items: n!/(k! 2^k (n−2k)!). */
    private static double pairings(int n, int k) {
        double v = 1;
        for (int i = 0; i < k; i++) {
            v *= (n - 2.0 * i) * (n - 2.0 * i - 1) / (2.0 * (i + 1));
        }
        return v;
    }

    private static double doubleFactorial(int n) {
        double v = 1;
        for (int k = n; k > 1; k -= 2) {
            v *= k;
        }
        return v;
    }

    private static double multinomial(int l, int a, int b, int c) {
        return factorial(l) / (factorial(a) * factorial(b) * factorial(c));
    }

    private static double factorial(int n) {
        double v = 1;
        for (int k = 2; k <= n; k++) {
            v *= k;
        }
        return v;
    }

    /**
     * 3^l.
     *
     * @param l order ≥ 0
     * @return the number of entries of a full array of order l
     */
    public static int pow3(int l) {
        int v = 1;
        for (int i = 0; i < l; i++) {
            v *= 3;
        }
        return v;
    }

    /**
     * Index counts of full arrays.
     *
     * @param l order
     * @return counts[i] = numbers of x, y and z among the l indices of full index i
     */
    static int[][] countsOfIndices(int l) {
        int full = pow3(l);
        int[][] out = new int[full][3];
        for (int i = 0; i < full; i++) {
            int rest = i;
            for (int k = 0; k < l; k++) {
                out[i][rest % 3]++;
                rest /= 3;
            }
        }
        return out;
    }

    /**
     * Homogeneous polynomials r^l Y_lm up to normalisation, for all (l, m) at index(l, m): a
     * polynomial of degree l is stored as p[a·(l+1) + b] = coefficient of x^a y^b z^{l−a−b}.
     */
    private static List<double[]> solidHarmonics(int lmax) {
        // A_m + i B_m = (x + iy)^m
        double[][] re = new double[lmax + 1][];
        double[][] im = new double[lmax + 1][];
        re[0] = constant(1);
        im[0] = constant(0);
        for (int m = 1; m <= lmax; m++) {
            re[m] = add(times(re[m - 1], m - 1, 0), 1, times(im[m - 1], m - 1, 1), -1, m);
            im[m] = add(times(im[m - 1], m - 1, 0), 1, times(re[m - 1], m - 1, 1), 1, m);
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < (lmax + 1) * (lmax + 1); i++) {
            out.add(null);
        }
        for (int m = 0; m <= lmax; m++) {
            // Π_l^m(z, r²), homogeneous of degree l − m
            double[][] pi = new double[lmax + 1][];
            pi[m] = constant(doubleFactorial(2 * m - 1));
            if (m + 1 <= lmax) {
                pi[m + 1] = scale(times(pi[m], 0, 2), 2 * m + 1.0);
            }
            for (int l = m + 2; l <= lmax; l++) {
                int d = l - m;
                double[] zPrev = times(pi[l - 1], d - 1, 2);
                double[] r2 = timesR2(pi[l - 2], d - 2);
                pi[l] = add(zPrev, (2.0 * l - 1) / d, r2, -(l + m - 1.0) / d, d);
            }
            for (int l = m; l <= lmax; l++) {
                out.set(index(l, m), multiply(pi[l], l - m, re[m], m));
                if (m > 0) {
                    out.set(index(l, -m), multiply(pi[l], l - m, im[m], m));
                }
            }
        }
        return out;
    }

    private static double[] constant(double v) {
        return new double[] {v};
    }

    /** p (degree d) times the variable {@code var} (0 = x, 1 = y, 2 = z). */
    private static double[] times(double[] p, int d, int var) {
        int n = d + 1;
        double[] out = new double[(n + 1) * (n + 1)];
        for (int a = 0; a <= d; a++) {
            for (int b = 0; a + b <= d; b++) {
                double c = p[a * n + b];
                int na = a + (var == 0 ? 1 : 0);
                int nb = b + (var == 1 ? 1 : 0);
                out[na * (n + 1) + nb] += c;
            }
        }
        return out;
    }

    private static double[] timesR2(double[] p, int d) {
        double[] xx = times(times(p, d, 0), d + 1, 0);
        double[] yy = times(times(p, d, 1), d + 1, 1);
        double[] zz = times(times(p, d, 2), d + 1, 2);
        return add(add(xx, 1, yy, 1, d + 2), 1, zz, 1, d + 2);
    }

    private static double[] add(double[] p, double a, double[] q, double b, int d) {
        double[] out = new double[(d + 1) * (d + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = a * p[i] + b * q[i];
        }
        return out;
    }

    private static double[] scale(double[] p, double s) {
        double[] out = p.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= s;
        }
        return out;
    }

    private static double[] multiply(double[] p, int dp, double[] q, int dq) {
        int d = dp + dq;
        double[] out = new double[(d + 1) * (d + 1)];
        for (int a = 0; a <= dp; a++) {
            for (int b = 0; a + b <= dp; b++) {
                double c = p[a * (dp + 1) + b];
                if (c == 0) {
                    continue;
                }
                for (int a2 = 0; a2 <= dq; a2++) {
                    for (int b2 = 0; a2 + b2 <= dq; b2++) {
                        out[(a + a2) * (d + 1) + b + b2] += c * q[a2 * (dq + 1) + b2];
                    }
                }
            }
        }
        return out;
    }
}
