package org.atomstack.basis.cartesian.internal;

import org.atomstack.testkit.PluginProviderContract;

/** The plugin-provider contract of the test kit. */
class CartesianDescriptorProviderContractTest extends PluginProviderContract<CartesianDescriptorProvider> {
    @Override
    protected CartesianDescriptorProvider provider() {
        return new CartesianDescriptorProvider();
    }
}
