/**
 * Langbein functional-independence selector for any basis that offers Jacobians.
 *
 * <p>The capability arrives with its own issue; until then the module holds only its
 * descriptor and build wiring, and provides no plugin.
 */
module org.atomstack.selection.langbein {
    requires org.atomstack.api;
}
