package org.atomstack.model.linear.internal;

/**
 * How the weighted design matrix A (rows × n) is condensed while streaming over structures.
 */
enum SystemForm {
    /**
     * Normal equations AᵀWA, AᵀWy, yᵀWy: one symmetric rank-k update per row block, n² memory,
     * the cheapest form; squares the condition number, so singular values below about
     * √ε·σ_max (ε = 2.2e-16) are lost.
     */
    NORMAL,
    /**
     * The triangular factor R of A = QR (with Qᵀy and the residual), by streaming TSQR:
     * each row block is absorbed into R by Householder reflections, about twice the cost of
     * the normal equations and n² memory; keeps the condition number of A.
     */
    QR
}
