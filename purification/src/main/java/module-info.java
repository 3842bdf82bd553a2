/**
 * Canonical (self-interaction-free) ACE via the purification operator, and the P⁻ᵀ regulariser.
 *
 * <p>Provides the descriptor plugin {@code canonical-ace}: the ACE invariants of the
 * {@code ace} plugin (same parameters, read with basis-ace's exported toolkit) with the
 * self-interactions removed, 𝔅 = C·P·A, and, for {@code purify: false}, the self-interacting
 * basis with the regulariser {@code "purification"} (Γ = P⁻ᵀ). The {@code ace} plugin delegates
 * {@code purify: true} and its {@code "purification"} regulariser to this plugin through the
 * registry. Everything else lives in the unexported {@code org.atomstack.purification.internal}.
 */
module org.atomstack.purification {
    requires org.atomstack.api;
    requires org.atomstack.basis.ace;

    provides org.atomstack.api.descriptor.DescriptorProvider with org.atomstack.purification.internal.CanonicalAceProvider;
}
