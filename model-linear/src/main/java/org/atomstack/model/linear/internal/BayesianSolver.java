package org.atomstack.model.linear.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bayesian linear regression with evidence maximisation (MacKay 1992; Tipping 2001, with a
 * single prior precision). Model: y_r = a_r·c + ε_r, ε_r ~ N(0, 1/(β w_r²)); prior
 * Γc ~ N(0, α⁻¹ I). In the prior-scaled variables c' = Γc with A' = W^½AΓ⁻¹ = U diag(s) Vᵀ:
 *
 * <ul>
 *   <li>posterior mean m = β(βA'ᵀA' + αI)⁻¹A'ᵀy, i.e. the ridge solution with λ = α/β, filter
 *       φ_i = βs_i²/(α + βs_i²);</li>
 *   <li>effective number of parameters γ = Σ φ_i;</li>
 *   <li>fixed-point updates α ← γ/‖m‖², β ← (N − γ)/E_D with E_D = ‖A'm − y‖², iterated until
 *       |Δ ln α| and |Δ ln β| fall below the tolerance;</li>
 *   <li>log evidence ln p(y | α, β) = (M/2) ln α + (N/2) ln β − (β/2)E_D − (α/2)‖m‖²
 *       − ½ Σ_i ln(α + βs_i²) − (N/2) ln 2π + ½ Σ_r ln w_r².</li>
 * </ul>
 *
 * Each iteration costs O(M) on the precomputed spectrum. E_D is floored at 1e-14·‖y‖²_W so that
 * noiseless data (E_D at rounding level) give a large but finite β. The unregularised columns
 * (E0) are profiled out before, so N counts the remaining observations. This is the default
 * solver, as in ACEpotentials.jl. Immutable.
 */
final class BayesianSolver implements Solver {
    /** Default tolerance on the change of ln α and ln β. */
    static final double DEFAULT_TOLERANCE = 1e-10;
    /** Default iteration limit. */
    static final int DEFAULT_MAX_ITERATIONS = 10_000;

    private static final double HUGE = 1e300;
    private static final double TINY = 1e-300;

    private final double tolerance;
    private final int maxIterations;

    /**
     * @param tolerance     convergence threshold on |Δ ln α| and |Δ ln β|, &gt; 0
     * @param maxIterations iteration limit, ≥ 1
     */
    BayesianSolver(double tolerance, int maxIterations) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and > 0, got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max_iterations must be >= 1, got " + maxIterations);
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    @Override
    public String method() {
        return "blr";
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method());
        m.put("tolerance", tolerance);
        m.put("max_iterations", (long) maxIterations);
        return m;
    }

    @Override
    public SystemForm preferredForm() {
        return SystemForm.NORMAL;
    }

    @Override
    public Solution solve(LinearSystem system, double[] gamma) {
        Spectrum sp = system.spectrum(gamma);
        int m = sp.size();
        double n = system.observations();
        double total = sp.rho0();
        double meanS2 = 0;
        for (int i = 0; i < m; i++) {
            total += sp.projection(i) * sp.projection(i);
            meanS2 += sp.singularValue(i) * sp.singularValue(i);
        }
        meanS2 = m == 0 ? 0 : meanS2 / m;
        double floor = Math.max(1e-14 * total, TINY);
        Map<String, Double> d = new LinkedHashMap<>();
        if (m == 0 || meanS2 == 0 || n < 1) {
            d.put("alpha", Double.NaN);
            d.put("beta", n >= 1 ? n / Math.max(total, floor) : Double.NaN);
            d.put("effective_parameters", 0.0);
            d.put("iterations", 0.0);
            d.put("converged", 1.0);
            return new Solution(new double[m], d);
        }
        double[] filter = new double[m];
        double lambda = 1e-3 * meanS2;
        fill(sp, lambda, filter);
        double beta = clamp(n / Math.max(sp.residual(filter), floor));
        double alpha = clamp(lambda * beta);
        int iterations = 0;
        boolean converged = false;
        while (iterations < maxIterations) {
            iterations++;
            double eff = fill(sp, alpha / beta, filter);
            double norm2 = sp.norm2(filter);
            double ed = Math.max(sp.residual(filter), floor);
            double alphaNew = norm2 > 0 ? clamp(eff / norm2) : HUGE;
            double betaNew = n - eff > 0 ? clamp((n - eff) / ed) : beta;
            converged = Math.abs(Math.log(alphaNew / alpha)) < tolerance && Math.abs(Math.log(betaNew / beta)) < tolerance;
            alpha = alphaNew;
            beta = betaNew;
            if (converged || norm2 == 0) {
                converged = true;
                break;
            }
        }
        double eff = fill(sp, alpha / beta, filter);
        double norm2 = sp.norm2(filter);
        double ed = Math.max(sp.residual(filter), floor);
        double logDet = 0;
        for (int i = 0; i < m; i++) {
            double s = sp.singularValue(i);
            logDet += Math.log(alpha + beta * s * s);
        }
        double evidence = 0.5 * m * Math.log(alpha) + 0.5 * n * Math.log(beta) - 0.5 * beta * ed - 0.5 * alpha * norm2
            - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI) + 0.5 * system.logWeights();
        double[] c = sp.coefficients(filter);
        for (int k = 0; k < m; k++) {
            c[k] /= gamma[k];
        }
        d.put("alpha", alpha);
        d.put("beta", beta);
        d.put("lambda", alpha / beta);
        d.put("noise_rms", 1 / Math.sqrt(beta));
        d.put("effective_parameters", eff);
        d.put("log_evidence", evidence);
        d.put("iterations", (double) iterations);
        d.put("converged", converged ? 1.0 : 0.0);
        return new Solution(c, d);
    }

    /** Ridge filter φ_i = s_i²/(s_i² + λ); returns γ = Σ φ_i. */
    private static double fill(Spectrum sp, double lambda, double[] filter) {
        double eff = 0;
        for (int i = 0; i < filter.length; i++) {
            double s2 = sp.singularValue(i) * sp.singularValue(i);
            filter[i] = s2 > 0 ? s2 / (s2 + lambda) : 0;
            eff += filter[i];
        }
        return eff;
    }

    private static double clamp(double v) {
        return Math.min(HUGE, Math.max(TINY, v));
    }
}
