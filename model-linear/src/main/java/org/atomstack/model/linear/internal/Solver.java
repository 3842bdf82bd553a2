package org.atomstack.model.linear.internal;

import java.util.Map;

/**
 * A strategy that solves the regularised least-squares problem of a {@link LinearSystem}:
 * it holds its configuration (λ, tolerances) and returns an immutable {@link Solution}.
 *
 * <p>Every solver sees the problem min_c Σ_r w_r² (a_r·c − y_r)² with a diagonal prior
 * Γ = diag(γ) (γ_k &gt; 0): ridge adds λ‖Γc‖², the spectral solvers (truncated SVD, Bayesian
 * regression) and RRQR work on the prior-scaled design AΓ⁻¹ and map back with c = Γ⁻¹c'.
 * Implementations are immutable and thread-safe.
 */
interface Solver {
    /** The method name used in parameters: "ridge", "tsvd", "rrqr" or "blr". */
    String method();

    /** The solver's settings as parameter values (for recreating the configuration). */
    Map<String, Object> settings();

    /** The form of the system this solver is most accurate and cheapest with. */
    SystemForm preferredForm();

    /**
     * Solves the system.
     *
     * @param system the (reduced) weighted least-squares problem
     * @param gamma  prior diagonal γ_k &gt; 0, one per column
     * @return coefficients and diagnostics
     * @throws IllegalStateException naming the solver when the problem cannot be solved as configured
     */
    Solution solve(LinearSystem system, double[] gamma);
}
