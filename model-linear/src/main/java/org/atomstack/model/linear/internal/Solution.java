package org.atomstack.model.linear.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The immutable result of a {@link Solver}: coefficients of the regularised columns (in the
 * units of the design matrix, not the prior-scaled ones) and named diagnostics (λ, rank, α,
 * β, evidence, residual…), in insertion order.
 */
final class Solution {
    private final double[] coefficients;
    private final Map<String, Double> diagnostics;

    /**
     * @param coefficients one per column of the solved system (copied)
     * @param diagnostics  named scalars (copied)
     */
    Solution(double[] coefficients, Map<String, Double> diagnostics) {
        this.coefficients = coefficients.clone();
        this.diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    /** The coefficients (a copy). */
    double[] coefficients() {
        return coefficients.clone();
    }

    /** Named diagnostics (unmodifiable, insertion order). */
    Map<String, Double> diagnostics() {
        return diagnostics;
    }
}
