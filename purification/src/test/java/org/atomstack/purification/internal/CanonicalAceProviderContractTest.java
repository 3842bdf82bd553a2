package org.atomstack.purification.internal;

import org.atomstack.testkit.PluginProviderContract;

class CanonicalAceProviderContractTest extends PluginProviderContract<CanonicalAceProvider> {
    @Override
    protected CanonicalAceProvider provider() {
        return new CanonicalAceProvider();
    }
}
