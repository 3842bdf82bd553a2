package org.atomstack.model.linear.internal;

/**
 * A square "R-factor" of a prior-scaled least-squares problem: min_c' ‖F c' − z‖² + ρ0 is the
 * same problem as the weighted one it came from. Arrays are not copied; treat as immutable.
 *
 * @param n    order of F
 * @param f    n×n, row-major
 * @param z    n right-hand side
 * @param rho0 residual no coefficients can fit (≥ 0)
 */
record SquareRoot(int n, double[] f, double[] z, double rho0) {
}
