/**
 * Linear potentials over any descriptor: E = Σ_i (E0(Z_i) + c·B_i) plus an optional pair
 * term, fitted to energies, forces and stresses by ridge (Tikhonov), truncated SVD,
 * rank-revealing QR or Bayesian linear regression with evidence maximisation.
 *
 * <p>Exports nothing; the plugin is reached through the
 * {@link org.atomstack.api.model.ModelProvider} service (id {@code linear}). Decompositions
 * come from Hipparchus.
 */
module org.atomstack.model.linear {
    requires org.atomstack.api;
    requires hipparchus.core;

    provides org.atomstack.api.model.ModelProvider with org.atomstack.model.linear.internal.LinearModelProvider;
}
