/**
 * Linear potentials over any descriptor (ridge, truncated SVD, RRQR, Bayesian linear regression).
 *
 * <p>The capability arrives with its own issue; until then the module holds only its
 * descriptor and build wiring, and provides no plugin.
 */
module org.atomstack.model.linear {
    requires org.atomstack.api;
}
