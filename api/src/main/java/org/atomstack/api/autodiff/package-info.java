/**
 * Reverse-mode automatic differentiation over any backend's {@link
 * org.atomstack.api.tensor.TensorOps}: a {@link org.atomstack.api.autodiff.Graph} records
 * operations on {@link org.atomstack.api.autodiff.Var}s with differentiable backward rules,
 * so gradients of gradients work; {@link org.atomstack.api.autodiff.GradCheck} verifies
 * first- and second-order derivatives against float64 finite differences.
 *
 * <p>Package version 1.0.0.
 */
package org.atomstack.api.autodiff;
