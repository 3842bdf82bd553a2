package org.atomstack.model.hipnn.internal;

import org.atomstack.testkit.PluginProviderContract;

/** The plugin-provider contract for {@link HipnnModelProvider}. */
class HipnnModelProviderContractTest extends PluginProviderContract<HipnnModelProvider> {
    @Override
    protected HipnnModelProvider provider() {
        return new HipnnModelProvider();
    }
}
