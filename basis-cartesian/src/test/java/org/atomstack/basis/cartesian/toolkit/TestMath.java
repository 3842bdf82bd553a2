package org.atomstack.basis.cartesian.toolkit;

import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/** Helpers for the toolkit tests: random rotations, tensor rotation, quadrature, ranks. */
final class TestMath {
    /** Relative tolerance of numerical ranks: singular values above 1e-9 · σ_max count. */
    static final double RANK_TOLERANCE = 1e-9;

    private TestMath() {
    }

    /** A uniformly random rotation (or, with {@code reflect}, an improper one), row-major 3 × 3. */
    static double[] rotation(SplittableRandom rng, boolean reflect) {
        double[] q = new double[4];
        double n = 0;
        for (int i = 0; i < 4; i++) {
            q[i] = rng.nextDouble(-1, 1);
            n += q[i] * q[i];
        }
        n = Math.sqrt(n);
        double w = q[0] / n;
        double x = q[1] / n;
        double y = q[2] / n;
        double z = q[3] / n;
        double[] r = {
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)};
        if (reflect) {
            for (int i = 0; i < 9; i++) {
                r[i] = -r[i];
            }
        }
        return r;
    }

    static double[] apply(double[] r, double[] v) {
        return new double[] {
            r[0] * v[0] + r[1] * v[1] + r[2] * v[2],
            r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
            r[6] * v[0] + r[7] * v[1] + r[8] * v[2]};
    }

    /** (R^{⊗l} A)_{i1..il} = Σ_j R_{i1 j1} … R_{il jl} A_{j1..jl}, mode by mode. */
    static double[] rotateArray(int l, double[] r, double[] a) {
        double[] cur = a.clone();
        int full = cur.length;
        for (int axis = 0; axis < l; axis++) {
            int stride = IrreducibleTensors.pow3(l - 1 - axis);
            double[] next = new double[full];
            for (int idx = 0; idx < full; idx++) {
                int digit = (idx / stride) % 3;
                int base = idx - digit * stride;
                double s = 0;
                for (int j = 0; j < 3; j++) {
                    s += r[3 * digit + j] * cur[base + j * stride];
                }
                next[idx] = s;
            }
            cur = next;
        }
        return cur;
    }

    static double[] randomDirection(SplittableRandom rng) {
        double x;
        double y;
        double z;
        double n;
        do {
            x = rng.nextDouble(-1, 1);
            y = rng.nextDouble(-1, 1);
            z = rng.nextDouble(-1, 1);
            n = Math.sqrt(x * x + y * y + z * z);
        } while (n > 1 || n < 1e-3);
        return new double[] {x / n, y / n, z / n};
    }

    /**
     * Product quadrature on the unit sphere: Gauss–Legendre in cos θ with {@code nt} nodes and
     * {@code nphi} equally spaced φ; exact for spherical polynomials of degree &lt; min(2nt, nphi).
     * Rows (x, y, z, weight); the weights sum to 4π.
     */
    static double[][] sphereQuadrature(int nt, int nphi) {
        double[] nodes = new double[nt];
        double[] weights = new double[nt];
        for (int i = 0; i < nt; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (nt + 0.5));
            for (int it = 0; it < 100; it++) {
                double[] pd = legendre(nt, x);
                double dx = pd[0] / pd[1];
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    break;
                }
            }
            double dp = legendre(nt, x)[1];
            nodes[i] = x;
            weights[i] = 2 / ((1 - x * x) * dp * dp);
        }
        double[][] out = new double[nt * nphi][];
        int k = 0;
        for (int i = 0; i < nt; i++) {
            double st = Math.sqrt(1 - nodes[i] * nodes[i]);
            for (int j = 0; j < nphi; j++) {
                double phi = 2 * Math.PI * j / nphi;
                out[k++] = new double[] {st * Math.cos(phi), st * Math.sin(phi), nodes[i], weights[i] * 2 * Math.PI / nphi};
            }
        }
        return out;
    }

    /** (P_n(x), P_n'(x)). */
    private static double[] legendre(int n, double x) {
        double p0 = 1;
        double p1 = x;
        for (int k = 2; k <= n; k++) {
            double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
            p0 = p1;
            p1 = p2;
        }
        return new double[] {p1, n * (x * p1 - p0) / (x * x - 1)};
    }

    /** Numerical rank of a rows × cols matrix by SVD: singular values above tol · σ_max. */
    static int rank(double[][] m, double tol) {
        double[] s = singularValues(m);
        int r = 0;
        for (double v : s) {
            if (v > tol * s[0]) {
                r++;
            }
        }
        return r;
    }

    static double[] singularValues(double[][] m) {
        return new SingularValueDecomposition(new Array2DRowRealMatrix(m, true)).getSingularValues();
    }
}
