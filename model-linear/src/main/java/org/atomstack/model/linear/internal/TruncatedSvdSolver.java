package org.atomstack.model.linear.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Truncated SVD on the prior-scaled design, as ACEpotentials.jl does: with
 * W^½AΓ⁻¹ = U diag(s) Vᵀ, keep the singular values s_i &gt; rtol·s_max and take the
 * minimum-norm solution c' = Σ_kept (u_iᵀW^½y / s_i) v_i, then c = Γ⁻¹c'. Default
 * rtol = 1e-9 (ACEfit's). On normal equations singular values below about √ε·s_max ≈ 1.5e-8·s_max
 * are rounding noise, so small rtol needs the factor form (the default for this solver). Immutable.
 */
final class TruncatedSvdSolver implements Solver {
    /** Default relative tolerance. */
    static final double DEFAULT_RTOL = 1e-9;

    private final double rtol;

    /**
     * @param rtol relative singular-value threshold, in [0, 1)
     */
    TruncatedSvdSolver(double rtol) {
        if (!(rtol >= 0 && rtol < 1)) {
            throw new IllegalArgumentException("rtol must be in [0, 1), got " + rtol);
        }
        this.rtol = rtol;
    }

    /** The relative tolerance. */
    double rtol() {
        return rtol;
    }

    @Override
    public String method() {
        return "tsvd";
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
        Spectrum sp = system.spectrum(gamma);
        int n = sp.size();
        double max = n == 0 ? 0 : sp.singularValue(0);
        double[] filter = new double[n];
        int rank = 0;
        double minKept = 0;
        for (int i = 0; i < n; i++) {
            double s = sp.singularValue(i);
            if (s > 0 && s > rtol * max) {
                filter[i] = 1;
                rank++;
                minKept = s;
            }
        }
        double[] c = sp.coefficients(filter);
        for (int k = 0; k < n; k++) {
            c[k] /= gamma[k];
        }
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("rtol", rtol);
        d.put("rank", (double) rank);
        d.put("singular_value_max", max);
        d.put("singular_value_min_kept", minKept);
        d.put("singular_value_min", n == 0 ? 0 : sp.singularValue(n - 1));
        return new Solution(c, d);
    }
}
