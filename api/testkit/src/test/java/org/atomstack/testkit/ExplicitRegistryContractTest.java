package org.atomstack.testkit;

import java.util.List;
import java.util.Optional;
import org.atomstack.api.plugin.PluginRegistry;

/** The explicit registry of {@link PluginRegistry#of} passes the registry contract. */
class ExplicitRegistryContractTest extends PluginRegistryContract {

    @Override
    protected PluginRegistry registry() {
        // deliberately out of order: the registry sorts
        return PluginRegistry.of(new TestProviders.FakeBackend(), new TestProviders.DescriptorV2(), new TestProviders.SharedModel(),
            new TestProviders.DescriptorV1(), new TestProviders.SharedSelector(), new TestProviders.OtherDescriptor(),
            new TestProviders.DescriptorV15());
    }

    @Override
    protected List<ExpectedPlugin> expectedPlugins() {
        return ServiceLoaderRegistryContractTest.EXPECTED;
    }

    @Override
    protected Optional<String> expectedRuntime() {
        return Optional.of("explicit");
    }
}
