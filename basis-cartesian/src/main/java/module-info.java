/**
 * Irreducible Cartesian tensors, tensor-diagram invariants as multigraphs, flexible invariant
 * sets, and the {@code cartesian} descriptor plugin.
 *
 * <p>The exported toolkit ({@link org.atomstack.basis.cartesian.toolkit}) holds the maths that
 * other plugins may build on: irreducible tensors T^l(r̂) and their orthonormal coefficients,
 * environment tensors, tensor diagrams with their compilation to sparse polynomials, invariant
 * sets (the flexible set of Table I by default), and the channel-wise invariant layer that
 * models plug into. The descriptor provider lives in the unexported {@code internal} package.
 */
module org.atomstack.basis.cartesian {
    requires transitive org.atomstack.api;

    exports org.atomstack.basis.cartesian.toolkit;

    provides org.atomstack.api.descriptor.DescriptorProvider with org.atomstack.basis.cartesian.internal.CartesianDescriptorProvider;
}
