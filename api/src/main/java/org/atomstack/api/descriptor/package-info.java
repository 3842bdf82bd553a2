/**
 * The Descriptor SPI: per-atom features of atomic environments and their derivatives with
 * respect to edge vectors.
 *
 * <p>Layout (one for all descriptors): features are samples (atoms) × properties (basis
 * functions); gradients are per edge e = (i, j, S) of the neighbour list, ∂B_i,k/∂r_e for the
 * centre i of the edge, stored edges × properties × 3 (x, y, z). Position dependence enters
 * only through the edge vectors r_e.
 *
 * <p>Besides features a descriptor may offer a diagonal smoothness prior and named Tikhonov
 * operators ({@link org.atomstack.api.descriptor.Regularizer}) for linear models over its basis.
 *
 * <p>Package version 1.0.0.
 */
package org.atomstack.api.descriptor;
