package org.atomstack.selection.langbein.internal;

import org.atomstack.testkit.PluginProviderContract;

/** The plugin-provider contract of the test kit. */
class LangbeinSelectorProviderContractTest extends PluginProviderContract<LangbeinSelectorProvider> {
    @Override
    protected LangbeinSelectorProvider provider() {
        return new LangbeinSelectorProvider();
    }
}
