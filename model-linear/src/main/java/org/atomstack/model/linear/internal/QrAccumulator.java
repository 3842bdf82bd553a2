package org.atomstack.model.linear.internal;

/**
 * Accumulates the triangular factor of [A | y] by streaming TSQR ({@link Householder#absorb}):
 * after all rows, R_aug = [R z; 0 ρ] with A = QR, z = Qᵀy restricted to the columns and ρ² the
 * residual of the unregularised least-squares fit. Memory: (n+1)² doubles plus one row block.
 */
final class QrAccumulator extends SystemAccumulator {
    private final double[] factor;

    /**
     * @param columns columns of the design matrix
     * @param workers workers for the kernel
     */
    QrAccumulator(int columns, Workers workers) {
        super(columns, columns + 1, workers);
        this.factor = new double[Math.multiplyExact(order, order)];
    }

    @Override
    protected void fold(double[] block, int stride, int rows) {
        Householder.absorb(factor, order, block, stride, rows, workers.threads() > 1 ? workers : null);
    }

    @Override
    protected LinearSystem build(long observations, double logWeights) {
        int n = columns;
        double[] r = new double[n * n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(factor, i * order + i, r, i * n + i, n - i);
            z[i] = factor[i * order + n];
        }
        double rho = factor[n * order + n];
        return new TriangularSystem(n, r, z, rho * rho, observations, logWeights);
    }
}
