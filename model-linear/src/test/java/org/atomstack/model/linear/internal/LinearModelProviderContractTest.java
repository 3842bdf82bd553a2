package org.atomstack.model.linear.internal;

import org.atomstack.testkit.PluginProviderContract;

/** The plugin-provider contract for {@link LinearModelProvider}. */
class LinearModelProviderContractTest extends PluginProviderContract<LinearModelProvider> {
    @Override
    protected LinearModelProvider provider() {
        return new LinearModelProvider();
    }
}
