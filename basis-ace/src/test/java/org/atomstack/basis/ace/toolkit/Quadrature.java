package org.atomstack.basis.ace.toolkit;

/** Gauss–Legendre rules on [−1, 1] and a product rule on the sphere, for tests. */
final class Quadrature {
    private Quadrature() {
    }

    /** Nodes and weights {x, w} of the n-point Gauss–Legendre rule (exact to degree 2n−1). */
    static double[][] gaussLegendre(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                double pn = n == 1 ? z : p1;
                double pnm1 = n == 1 ? 1 : p0;
                dp = n * (z * pn - pnm1) / (z * z - 1);
                double dz = pn / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            x[i] = z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
        }
        return new double[][] {x, w};
    }

    /**
     * A product rule on the unit sphere exact for polynomials of degree ≤ 2·deg... : returns
     * {x, y, z, w} arrays (weights sum to 4π).
     */
    static double[][] sphere(int degree) {
        int nt = degree / 2 + 1;
        int np = degree + 1;
        double[][] gl = gaussLegendre(nt);
        int n = nt * np;
        double[][] out = new double[4][n];
        int k = 0;
        for (int i = 0; i < nt; i++) {
            double ct = gl[0][i];
            double st = Math.sqrt(1 - ct * ct);
            for (int j = 0; j < np; j++) {
                double phi = 2 * Math.PI * j / np;
                out[0][k] = st * Math.cos(phi);
                out[1][k] = st * Math.sin(phi);
                out[2][k] = ct;
                out[3][k] = gl[1][i] * 2 * Math.PI / np;
                k++;
            }
        }
        return out;
    }
}
