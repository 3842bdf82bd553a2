/**
 * Irreducible Cartesian tensors, tensor-diagram invariants as multigraphs, flexible invariant sets.
 *
 * <p>The capability arrives with its own issue; until then the module holds only its
 * descriptor and build wiring, and provides no plugin.
 */
module org.atomstack.basis.cartesian {
    requires org.atomstack.api;
}
