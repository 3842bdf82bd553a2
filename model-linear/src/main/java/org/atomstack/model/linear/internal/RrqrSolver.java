package org.atomstack.model.linear.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rank-revealing QR (Businger–Golub column pivoting, {@link PivotedQr}) on the square factor F
 * of the prior-scaled design (FᵀF = Γ⁻¹AᵀWAΓ⁻¹; F = RΓ⁻¹ in the factor form): F P = Q R
 * with |R_00| ≥ |R_11| ≥ …; the rank k is the number of leading pivots with
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
        PivotedQr qr = new PivotedQr(sq.f(), n, sq.z(), rtol);
        int rank = qr.rank();
        double[] c = qr.solution();
        for (int k = 0; k < n; k++) {
            c[k] /= gamma[k];
        }
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("rtol", rtol);
        d.put("rank", (double) rank);
        return new Solution(c, d);
    }
}
