package org.atomstack.purification.internal;

/**
 * Gauss–Legendre quadrature on [−1, 1]: n nodes integrate polynomials of degree ≤ 2n − 1
 * exactly (up to rounding). Nodes by Newton's method on P_n from the Chebyshev-like guess
 * cos(π(i − ¼)/(n + ½)). Immutable.
 */
final class GaussLegendre {
    private final double[] nodes;
    private final double[] weights;

    /**
     * @param n number of nodes, 1..2000
     */
    GaussLegendre(int n) {
        if (n < 1 || n > 2000) {
            throw new IllegalArgumentException("Gauss-Legendre rule needs 1..2000 nodes, got " + n);
        }
        nodes = new double[n];
        weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 1;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                // P_n = p1, P_{n-1} = p0; P_n' = n (x P_n − P_{n−1}) / (x² − 1)
                dp = n * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    break;
                }
            }
            nodes[i] = -x;
            nodes[n - 1 - i] = x;
            double w = 2 / ((1 - x * x) * dp * dp);
            weights[i] = w;
            weights[n - 1 - i] = w;
        }
    }

    /** Number of nodes. */
    int size() {
        return nodes.length;
    }

    /** Node i, ascending. */
    double node(int i) {
        return nodes[i];
    }

    /** Weight of node i. */
    double weight(int i) {
        return weights[i];
    }
}
