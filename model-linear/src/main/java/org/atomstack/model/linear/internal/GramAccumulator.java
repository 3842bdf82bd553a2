package org.atomstack.model.linear.internal;

/**
 * Accumulates the normal equations of [A | y]: the augmented Gram matrix
 * [AᵀWA AᵀWy; yᵀWA yᵀWy] by symmetric rank-k updates ({@link SymmetricRankK}), with the order
 * padded to a multiple of 4 by zero columns. Memory: (n+1)² doubles plus one row block.
 */
final class GramAccumulator extends SystemAccumulator {
    private final double[] gram;

    /**
     * @param columns columns of the design matrix
     * @param workers workers for the kernel
     */
    GramAccumulator(int columns, Workers workers) {
        super(columns, (columns + 1 + 3) / 4 * 4, workers);
        this.gram = new double[Math.multiplyExact(order, order)];
    }

    @Override
    protected void fold(double[] block, int stride, int rows) {
        SymmetricRankK.update(gram, order, block, stride, rows, workers.threads() > 1 ? workers : null);
    }

    @Override
    protected LinearSystem build(long observations, double logWeights) {
        int n = columns;
        double[] g = new double[n * n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = gram[i * order + j];
                g[i * n + j] = v;
                g[j * n + i] = v;
            }
            b[i] = gram[i * order + n];
        }
        return new NormalEquations(n, g, b, gram[n * order + n], observations, logWeights);
    }
}
