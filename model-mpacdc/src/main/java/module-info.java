/**
 * MP-ACDC features and 3-centre complete descriptors.
 *
 * <p>The capability arrives with its own issue; until then the module holds only its
 * descriptor and build wiring, and provides no plugin.
 */
module org.atomstack.model.mpacdc {
    requires org.atomstack.api;
}
