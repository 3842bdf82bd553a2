/**
 * Canonical (self-interaction-free) ACE via the purification operator, and the P^-T regulariser.
 *
 * <p>The capability arrives with its own issue; until then the module holds only its
 * descriptor and build wiring, and provides no plugin.
 */
module org.atomstack.purification {
    requires org.atomstack.api;
}
