package org.atomstack.backend.cpu.internal;

import org.atomstack.api.tensor.RadialBasis;

/**
 * The fused radial-basis kernel: out[e, n] = d^k/dr^k [f_n(r_e) · u(r_e)] for any k ≥ 0, by
 * the Leibniz rule Σ_j C(k, j) f_n^(j) u^(k−j) with closed forms for every factor:
 *
 * <ul>
 *   <li>envelope u: a polynomial in s = r/r_c, differentiated term by term (all derivatives
 *       are 0 for r ≥ r_c, so the output is 0 there);</li>
 *   <li>Bessel sin(ar)/r: Leibniz on sin(ar)·r⁻¹, and for small ar (where that sum cancels)
 *       the Taylor series of sin(x)/x, which is also exact at r = 0;</li>
 *   <li>Chebyshev T_n(x(r)): the three-term recurrence differentiated j times,
 *       T_{n+1}^(j) = 2x T_n^(j) + 2j T_n^(j−1) − T_{n−1}^(j);</li>
 *   <li>Gaussian: d^j/dt^j e^{−t²/2} = (−1)^j He_j(t) e^{−t²/2} with probabilists' Hermite
 *       polynomials.</li>
 * </ul>
 *
 * Evaluated in double for both float dtypes (the factors need Math.sin/exp) and rounded once
 * when the output is FLOAT32. Parallel over edges; each output row is written by one thread.
 * Immutable.
 */
final class RadialKernel {
    private final RadialBasis basis;
    private final int k;
    private final int count;
    private final double[] binom;      // C(k, j)
    private final double[] envCoeff;   // envelope terms c_t s^{q_t}
    private final int[] envPower;

    /** A kernel for the {@code derivative}-th r-derivative (≥ 0) of {@code basis}. */
    RadialKernel(RadialBasis basis, int derivative) {
        this.basis = basis;
        this.k = derivative;
        this.count = basis.count();
        this.binom = new double[k + 1];
        binom[0] = 1;
        for (int j = 1; j <= k; j++) {
            binom[j] = binom[j - 1] * (k - j + 1) / j;
        }
        int p = basis.envelopePower();
        this.envCoeff = new double[] {1, -(p + 1) * (p + 2) / 2.0, p * (p + 2), -p * (p + 1) / 2.0};
        this.envPower = new int[] {0, p, p + 1, p + 2};
    }

    /** Evaluates rows {@code from..to-1} of r (double[] or float[]) into out (same type) of shape [E, count]. */
    void evaluate(Object r, Object out, int from, int to) {
        double[] f = new double[(k + 1) * count];
        double[] u = new double[k + 1];
        double[] row = new double[count];
        double[] d = r instanceof double[] dd ? dd : null;
        float[] fl = d == null ? (float[]) r : null;
        for (int e = from; e < to; e++) {
            double re = d != null ? d[e] : fl[e];
            edge(re, f, u, row);
            if (out instanceof double[] od) {
                System.arraycopy(row, 0, od, e * count, count);
            } else {
                float[] of = (float[]) out;
                for (int n = 0; n < count; n++) {
                    of[e * count + n] = (float) row[n];
                }
            }
        }
    }

    /** Work per edge, for the parallel split. */
    long costPerEdge() {
        return (long) count * (k + 1) * (k + 2) + 16;
    }

    private void edge(double r, double[] f, double[] u, double[] row) {
        double rc = basis.cutoff();
        if (!(r < rc)) {
            java.util.Arrays.fill(row, r >= rc ? 0 : Double.NaN);
            return;
        }
        envelope(r, u);
        switch (basis.kind()) {
            case BESSEL -> bessel(r, f);
            case CHEBYSHEV -> chebyshev(r, f);
            case GAUSSIAN -> gaussian(r, f);
        }
        for (int n = 0; n < count; n++) {
            double s = 0;
            for (int j = 0; j <= k; j++) {
                s += binom[j] * f[j * count + n] * u[k - j];
            }
            row[n] = s;
        }
    }

    /** u^(m)(r) for m = 0..k. */
    private void envelope(double r, double[] u) {
        double rc = basis.cutoff();
        double s = r / rc;
        double scale = 1;
        for (int m = 0; m <= k; m++) {
            double v = 0;
            for (int t = 0; t < envCoeff.length; t++) {
                int q = envPower[t];
                if (m > q) {
                    continue;
                }
                double fall = 1;
                for (int i = 0; i < m; i++) {
                    fall *= q - i;
                }
                v += envCoeff[t] * fall * Math.pow(s, q - m);
            }
            u[m] = v * scale;
            scale /= rc;
        }
    }

    /** f[j·count + n] = d^j/dr^j √(2/r_c) sin(a_n r)/r, a_n = (n+1)π/r_c. */
    private void bessel(double r, double[] f) {
        double rc = basis.cutoff();
        double norm = Math.sqrt(2 / rc);
        for (int n = 0; n < count; n++) {
            double a = (n + 1) * Math.PI / rc;
            double x = a * r;
            if (Math.abs(x) < 1 + 0.5 * k) {
                besselSeries(a, r, norm, n, f);
                continue;
            }
            double sin = Math.sin(x);
            double cos = Math.cos(x);
            double inv = 1 / r;
            for (int j = 0; j <= k; j++) {
                // Σ_i C(j,i) a^i sin(x + iπ/2) · (−1)^(j−i) (j−i)! r^−(j−i)−1
                double s = 0;
                double cji = 1;       // C(j, i)
                double ai = 1;        // a^i
                for (int i = 0; i <= j; i++) {
                    int rest = j - i;
                    double trig = switch (i & 3) {
                        case 0 -> sin;
                        case 1 -> cos;
                        case 2 -> -sin;
                        default -> -cos;
                    };
                    double fact = 1;
                    for (int q = 2; q <= rest; q++) {
                        fact *= q;
                    }
                    double invPow = Math.pow(inv, rest + 1);
                    s += cji * ai * trig * ((rest & 1) == 0 ? 1 : -1) * fact * invPow;
                    cji = cji * (j - i) / (i + 1);
                    ai *= a;
                }
                f[j * count + n] = norm * s;
            }
        }
    }

    /**
     * Taylor series sin(ar)/r = Σ_m (−1)^m a^{2m+1} r^{2m}/(2m+1)!, differentiated j times:
     * Σ_{2m ≥ j} (−1)^m a^{j+1} x^{2m−j} / ((2m+1)(2m−j)!) with x = ar.
     */
    private void besselSeries(double a, double r, double norm, int n, double[] f) {
        double x = a * r;
        for (int j = 0; j <= k; j++) {
            double s = 0;
            int m0 = (j + 1) / 2;
            double xp = Math.pow(x, 2 * m0 - j); // x^{2m−j}
            double fact = 1;                      // (2m−j)!
            for (int q = 2; q <= 2 * m0 - j; q++) {
                fact *= q;
            }
            for (int m = m0; m < m0 + 100; m++) {
                if (m > m0) {
                    int e = 2 * m - j;
                    xp *= x * x;
                    fact *= (double) e * (e - 1);
                }
                double term = ((m & 1) == 0 ? 1 : -1) * xp / ((2 * m + 1) * fact);
                s += term;
                if (Math.abs(term) <= 1e-18 * Math.abs(s)) {
                    break;
                }
            }
            f[j * count + n] = norm * Math.pow(a, j + 1) * s;
        }
    }

    /** f[j·count + n] = d^j/dr^j T_n(x), x = 2(r − r_in)/(r_c − r_in) − 1. */
    private void chebyshev(double r, double[] f) {
        double g = 2 / (basis.cutoff() - basis.inner());
        double x = g * (r - basis.inner()) - 1;
        for (int j = 0; j <= k; j++) {
            int row = j * count;
            int below = row - count;
            for (int n = 0; n < count; n++) {
                double v;
                if (n == 0) {
                    v = j == 0 ? 1 : 0;
                } else if (n == 1) {
                    v = j == 0 ? x : j == 1 ? 1 : 0;
                } else {
                    v = 2 * x * f[row + n - 1] - f[row + n - 2] + (j == 0 ? 0 : 2 * j * f[below + n - 1]);
                }
                f[row + n] = v;
            }
        }
        double scale = 1;
        for (int j = 1; j <= k; j++) {
            scale *= g;
            for (int n = 0; n < count; n++) {
                f[j * count + n] *= scale;
            }
        }
    }

    /** f[j·count + n] = d^j/dr^j exp(−t²/2), t = (r − μ_n)/σ: (−1/σ)^j He_j(t) e^{−t²/2}. */
    private void gaussian(double r, double[] f) {
        double delta = (basis.cutoff() - basis.inner()) / Math.max(count - 1, 1);
        for (int n = 0; n < count; n++) {
            double t = (r - (basis.inner() + n * delta)) / delta;
            double e = Math.exp(-0.5 * t * t);
            double before = 0; // He_{j−1}
            double he = 1;     // He_j
            double scale = 1;  // (−1/σ)^j
            for (int j = 0; j <= k; j++) {
                f[j * count + n] = scale * he * e;
                double next = t * he - j * before;
                before = he;
                he = next;
                scale *= -1 / delta;
            }
        }
    }
}
