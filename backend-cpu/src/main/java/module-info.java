/**
 * Pure-Java compute backend (default everywhere, no native code).
 *
 * <p>The capability arrives with its own issue; until then the module holds only its
 * descriptor and build wiring, and provides no plugin.
 */
module org.atomstack.backend.cpu {
    requires org.atomstack.api;
}
