package org.atomstack.basis.ace.internal;

import org.atomstack.testkit.PluginProviderContract;

class AceDescriptorProviderContractTest extends PluginProviderContract<AceDescriptorProvider> {
    @Override
    protected AceDescriptorProvider provider() {
        return new AceDescriptorProvider();
    }
}
