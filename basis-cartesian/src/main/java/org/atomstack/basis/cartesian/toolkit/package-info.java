/**
 * Cartesian-tensor toolkit: irreducible Cartesian tensors T^l(r̂) and their orthonormal
 * coefficients ({@link org.atomstack.basis.cartesian.toolkit.IrreducibleTensors}), per-channel
 * environment tensors E^l_a = Σ_j w_{j,a} T^l(r̂_j)
 * ({@link org.atomstack.basis.cartesian.toolkit.EnvironmentTensors}), invariants as multigraphs
 * ({@link org.atomstack.basis.cartesian.toolkit.TensorDiagram}) compiled to sparse polynomials,
 * invariant sets with the flexible set of Table I of Allen et al. as default
 * ({@link org.atomstack.basis.cartesian.toolkit.InvariantSet}), and the channel-wise invariant
 * layer models plug into ({@link org.atomstack.basis.cartesian.toolkit.ChannelInvariants},
 * {@link org.atomstack.basis.cartesian.toolkit.CartesianChannelInvariants}).
 *
 * <p>Package version 0.1.0.
 */
package org.atomstack.basis.cartesian.toolkit;
