/**
 * Atomic Cluster Expansion (ACE) descriptor plugin (id {@code ace}) and the exported ACE
 * toolkit {@link org.atomstack.basis.ace.toolkit}: real spherical harmonics, Clebsch–Gordan
 * and generalised invariant couplings, radial bases and basis specifications, reused by other
 * plugins (purification, GRACE, MP-ACDC). The implementation lives in the unexported
 * {@code org.atomstack.basis.ace.internal} package.
 */
module org.atomstack.basis.ace {
    requires transitive org.atomstack.api;

    exports org.atomstack.basis.ace.toolkit;

    provides org.atomstack.api.descriptor.DescriptorProvider with org.atomstack.basis.ace.internal.AceDescriptorProvider;
}
