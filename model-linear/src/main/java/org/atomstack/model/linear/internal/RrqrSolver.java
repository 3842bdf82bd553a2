package org.atomstack.model.linear.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.linear.RRQRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Rank-revealing QR (Businger–Golub column pivoting, Hipparchus {@link RRQRDecomposition}) on
 * the square factor F of the prior-scaled design (FᵀF = Γ⁻¹AᵀWAΓ⁻¹; F = RΓ⁻¹ in the factor
 * form): F P = Q R with |R_00| ≥ |R_11| ≥ …; the rank k is the number of leading pivots with
 * |R_jj| &gt; rtol·|R_00|, and the basic solution keeps only the k pivoted columns:
 * R_{1:k,1:k} x = (Qᵀz)_{1:k}, c' = P [x; 0], c = Γ⁻¹c'. Unlike truncated SVD this is a subset
 * selection: the dropped columns get exactly zero coefficients. Default rtol = 1e-15 (ACEfit's).
 * Immutable.
 */
final class RrqrSolver implements Solver {
    /** Default relative tolerance. */
    static final double DEFAULT_RTOL = 1e-15;

    private final double rtol;

    /**
     * @param rtol relative pivot threshold, in [0, 1)
     */
    RrqrSolver(double rtol) {
        if (!(rtol >= 0 && rtol < 1)) {
            throw new IllegalArgumentException("rtol must be in [0, 1), got " + rtol);
        }
        this.rtol = rtol;
    }

    @Override
    public String method() {
        return "rrqr";
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method());
        m.put("rtol", rtol);
        return m;
    }

    @Override
    public SystemForm preferredForm() {
        return SystemForm.QR;
    }

    @Override
    public Solution solve(LinearSystem system, double[] gamma) {
        SquareRoot sq = system.squareRoot(gamma);
        int n = sq.n();
        double[] c = new double[n];
        int rank = 0;
        if (n > 0) {
            RRQRDecomposition qr = new RRQRDecomposition(Dense.matrix(sq.f(), n, n), 0.0);
            RealMatrix r = qr.getR();
            RealMatrix q = qr.getQ();
            RealMatrix p = qr.getP();
            double first = Math.abs(r.getEntry(0, 0));
            while (rank < n && first > 0 && Math.abs(r.getEntry(rank, rank)) > rtol * first) {
                rank++;
            }
            double[] qz = new double[rank];
            for (int i = 0; i < rank; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += q.getEntry(j, i) * sq.z()[j];
                }
                qz[i] = s;
            }
            double[] x = new double[rank];
            for (int i = rank - 1; i >= 0; i--) {
                double s = qz[i];
                for (int j = i + 1; j < rank; j++) {
                    s -= r.getEntry(i, j) * x[j];
                }
                x[i] = s / r.getEntry(i, i);
            }
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int j = 0; j < rank; j++) {
                    s += p.getEntry(k, j) * x[j];
                }
                c[k] = s / gamma[k];
            }
        }
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("rtol", rtol);
        d.put("rank", (double) rank);
        return new Solution(c, d);
    }
}
