package org.atomstack.model.linear.internal;

import java.util.function.UnaryOperator;

/**
 * The result of profiling out the first k (unregularised) columns of a {@link LinearSystem}:
 * the reduced system over the other columns, the numerical rank of the eliminated block, and
 * the back-substitution c_u = argmin over c_u of the residual given c_f (minimum-norm when the
 * eliminated block is rank-deficient).
 *
 * @param reduced   the problem in the remaining columns
 * @param rank      numerical rank of the eliminated columns
 * @param eliminated number of eliminated columns
 * @param back      maps c_f (remaining coefficients) to c_u (eliminated ones)
 */
record Elimination(LinearSystem reduced, int rank, int eliminated, UnaryOperator<double[]> back) {
}
