/**
 * HIP-NN, HIP-NN-TS and HIP-HOP-NN neural potentials (Lubbers et al.; Allen, Shinkle, Bujack
 * &amp; Lubbers, Sec. II F): on-site and interaction layers over per-atom features, sensitivity
 * functions of distance with lower and upper cutoffs, a hierarchical energy (sum of per-layer
 * linear readouts) and per-species energy offsets fitted by least squares.
 *
 * <p>Exports nothing; the plugin is reached through the
 * {@link org.atomstack.api.model.ModelProvider} service (id {@code hipnn}). The interaction of
 * HIP-NN-TS and HIP-HOP-NN uses the channel-wise invariant layer of basis-cartesian's exported
 * toolkit ({@code ChannelInvariants}).
 */
module org.atomstack.model.hipnn {
    requires org.atomstack.api;
    requires org.atomstack.basis.cartesian;

    provides org.atomstack.api.model.ModelProvider with org.atomstack.model.hipnn.internal.HipnnModelProvider;
}
