package org.atomstack.api.selection;

import java.util.random.RandomGenerator;

/**
 * A basis seen as functions B_k(α) of primitive variables α (for ACE the atomic base α_nlm,
 * for Cartesian invariants the irreducible tensor coefficients), so a selector can study
 * functional dependence without knowing the basis.
 */
public interface SelectableBasis {
    /** Number of basis functions. */
    int size();

    /** Number of primitive variables. */
    int primitiveCount();

    /** A label per basis function, size() of them. */
    java.util.List<String> labels();

    /**
     * Polynomial degree (or another cost) of each function; selectors visit candidates in
     * increasing degree, ties by index.
     */
    int[] degrees();

    /**
     * Draws a random point in primitive space, e.g. primitives of a random environment.
     *
     * @param rng source of randomness (selectors seed it)
     * @param out primitiveCount() values
     */
    void samplePrimitives(RandomGenerator rng, double[] out);

    /**
     * Evaluates the basis and its Jacobian at a primitive point.
     *
     * @param primitives primitiveCount() values
     * @param values     size() outputs
     * @param jacobian   size() × primitiveCount() outputs, row-major, ∂B_k/∂α_p
     */
    void evaluate(double[] primitives, double[] values, double[] jacobian);
}
