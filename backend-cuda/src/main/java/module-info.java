/**
 * CUDA compute backend, selected at run time when a GPU answers.
 *
 * <p>The capability arrives with its own issue; until then the module holds only its
 * descriptor and build wiring, and provides no plugin.
 */
module org.atomstack.backend.cuda {
    requires org.atomstack.api;
}
