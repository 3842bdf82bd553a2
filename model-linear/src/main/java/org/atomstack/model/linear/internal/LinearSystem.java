package org.atomstack.model.linear.internal;

/**
 * A weighted linear least-squares problem min_c Σ_r w_r² (a_r·c − y_r)² over n columns,
 * condensed while streaming so that the design matrix A is never stored: either as normal
 * equations ({@link NormalEquations}: G = AᵀWA, b = AᵀWy, yᵀWy) or as a triangular factor
 * ({@link TriangularSystem}: R with A = QR, z = Qᵀy, residual ρ). Both answer the same
 * questions; the factor form keeps the condition number of A (κ) where the normal equations
 * square it (κ²), at about twice the accumulation cost.
 *
 * <p>Operations take the prior diagonal γ (Γ = diag(γ), γ_k &gt; 0) where the solution depends
 * on it; A' = AΓ⁻¹ denotes the prior-scaled design and c' = Γc its coefficients.
 * Implementations are immutable after construction.
 */
sealed interface LinearSystem permits NormalEquations, TriangularSystem {
    /** Number of columns n. */
    int columns();

    /** Number of observations N (weighted rows, less the rank of eliminated columns). */
    long observations();

    /** Σ_r ln w_r² over the rows (a constant of the Gaussian likelihood). */
    double logWeights();

    /** The form of this system. */
    SystemForm form();

    /**
     * Eliminates the first {@code leading} columns as unregularised parameters (flat prior):
     * the remaining problem is the original one with those columns profiled out, i.e. A_f
     * and y projected onto the orthogonal complement of span(A_u) (rank-deficient A_u is
     * handled with a pseudo-inverse).
     */
    Elimination eliminate(int leading);

    /**
     * The SVD of the prior-scaled design, A' = U diag(s) Vᵀ, as a {@link Spectrum}: from the
     * symmetric eigen-decomposition of Γ⁻¹GΓ⁻¹ (normal form; singular values below about
     * √ε·s_max are noise) or from the SVD of RΓ⁻¹ (factor form; accurate to ε·s_max).
     */
    Spectrum spectrum(double[] gamma);

    /**
     * The ridge solution c = argmin Σ w²(a·c − y)² + λ‖Γc‖².
     *
     * @throws IllegalStateException when λ = 0 and the design is rank-deficient
     */
    double[] ridge(double lambda, double[] gamma);

    /**
     * A square factor F (n×n, FᵀF = A'ᵀWA') with right-hand side z (Fᵀz = A'ᵀWy) and the
     * residual ρ0 = yᵀWy − ‖z‖² that no coefficients can fit: R Γ⁻¹ itself (factor form) or
     * diag(s)Vᵀ from the spectrum (normal form).
     */
    SquareRoot squareRoot(double[] gamma);

    /** The weighted residual Σ_r w_r² (a_r·c − y_r)² of coefficients c (unscaled). */
    double residual(double[] c);

    /**
     * The same problem in the coordinates c′ with c = S̃ c′ (design A S̃), for a non-diagonal
     * regulariser: normal form G′ = S̃ᵀ G S̃, b′ = S̃ᵀ b; factor form R S̃ re-triangularised by
     * Householder reflections (z and ρ0 follow, Qᵀ being orthogonal).
     */
    LinearSystem transformed(CoordinateChange change);
}
