/**
 * HIP-NN, HIP-NN-TS and HIP-HOP-NN neural potentials.
 *
 * <p>The capability arrives with its own issue; until then the module holds only its
 * descriptor and build wiring, and provides no plugin.
 */
module org.atomstack.model.hipnn {
    requires org.atomstack.api;
}
