/**
 * Graph ACE (GRACE) in the dandelion approximation.
 *
 * <p>The capability arrives with its own issue; until then the module holds only its
 * descriptor and build wiring, and provides no plugin.
 */
module org.atomstack.model.grace {
    requires org.atomstack.api;
}
