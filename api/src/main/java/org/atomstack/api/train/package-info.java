/**
 * Training machinery for differentiable potentials, backend-agnostic (any
 * {@link org.atomstack.api.tensor.TensorOps}):
 *
 * <ul>
 *   <li>{@link org.atomstack.api.train.AtomBatch} merges structures into one graph (global atom
 *       and edge indexing, labels with presence flags) and uploads it as
 *       {@link org.atomstack.api.train.BatchTensors};</li>
 *   <li>{@link org.atomstack.api.train.EnergyModel} is what a potential implements: named
 *       parameters and per-structure energies as a function of the edge vectors;</li>
 *   <li>{@link org.atomstack.api.train.Loss} (energy, force and stress errors, forces and stresses
 *       by a scatter of ∂E/∂r_e, {@link org.atomstack.api.train.Observables}) with
 *       {@link org.atomstack.api.train.LossWeights};</li>
 *   <li>optimisers {@link org.atomstack.api.train.Adam} (AMSGrad, weight decay) and
 *       {@link org.atomstack.api.train.Lbfgs}, learning-rate schedules
 *       {@link org.atomstack.api.train.Plateau}, {@link org.atomstack.api.train.Step} and constant;</li>
 *   <li>{@link org.atomstack.api.train.Trainer}: seeded mini-batch epochs, validation, early
 *       stopping, atomic checkpoints and bitwise-exact resume.</li>
 * </ul>
 *
 * Units: Å, eV, eV/Å, eV/Å³ (ASE stress sign, Voigt xx yy zz yz xz xy).
 *
 * <p>Package version 1.1.0 (1.1: pseudo-Huber penalties in the loss, {@link org.atomstack.api.train.LossWeights.Huber}).
 */
package org.atomstack.api.train;
