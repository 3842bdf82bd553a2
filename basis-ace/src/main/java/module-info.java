/**
 * Atomic Cluster Expansion descriptor and the exported ACE toolkit (Ylm, Clebsch-Gordan, radial bases, basis specs).
 *
 * <p>The capability arrives with its own issue; until then the module holds only its
 * descriptor and build wiring, and provides no plugin.
 */
module org.atomstack.basis.ace {
    requires org.atomstack.api;
}
