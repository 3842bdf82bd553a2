package org.atomstack.model.linear.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tikhonov regularised least squares: c = argmin Σ_r w_r² (a_r·c − y_r)² + λ‖Γc‖², i.e.
 * (AᵀWA + λΓ²) c = AᵀWy. λ is absolute (in the units of the weighted squared residual per
 * squared prior-scaled coefficient), as in ACEfit's QR solver, whose default λ = 1e-3 this
 * solver shares. Solved by Jacobi-scaled Cholesky on the normal equations, or by QR of the
 * stacked [RΓ⁻¹; √λI] on the factor form. Immutable.
 */
final class RidgeSolver implements Solver {
    /** Default λ. */
    static final double DEFAULT_LAMBDA = 1e-3;

    private final double lambda;

    /**
     * @param lambda regularisation strength, finite and ≥ 0
     */
    RidgeSolver(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    /** λ. */
    double lambda() {
        return lambda;
    }

    @Override
    public String method() {
        return "ridge";
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method());
        m.put("lambda", lambda);
        return m;
    }

    @Override
    public SystemForm preferredForm() {
        return SystemForm.NORMAL;
    }

    @Override
    public Solution solve(LinearSystem system, double[] gamma) {
        double[] c = system.ridge(lambda, gamma);
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("lambda", lambda);
        return new Solution(c, d);
    }
}
