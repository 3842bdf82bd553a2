package org.atomstack.testkit;

import java.util.List;
import java.util.Optional;
import org.atomstack.api.plugin.PluginKind;
import org.atomstack.api.plugin.PluginRegistry;

/**
 * The ServiceLoader registry passes the registry contract, discovering the test providers
 * through META-INF/services of the test resources.
 */
class ServiceLoaderRegistryContractTest extends PluginRegistryContract {
    static final List<ExpectedPlugin> EXPECTED = List.of(
        ExpectedPlugin.of(PluginKind.DESCRIPTOR, "fake-descriptor", "1.0.0"),
        ExpectedPlugin.of(PluginKind.DESCRIPTOR, "fake-descriptor", "1.5.0"),
        ExpectedPlugin.of(PluginKind.DESCRIPTOR, "fake-descriptor", "2.0.0"),
        ExpectedPlugin.of(PluginKind.DESCRIPTOR, "another-descriptor", "0.9.1"),
        ExpectedPlugin.of(PluginKind.SELECTOR, "fake-shared", "1.2.0.beta"),
        ExpectedPlugin.of(PluginKind.MODEL, "fake-shared", "0.3.0"),
        ExpectedPlugin.of(PluginKind.BACKEND, "fake-backend", "3.1.4"));

    @Override
    protected PluginRegistry registry() {
        return PluginRegistry.serviceLoader(getClass().getClassLoader());
    }

    @Override
    protected List<ExpectedPlugin> expectedPlugins() {
        return EXPECTED;
    }

    @Override
    protected Optional<String> expectedRuntime() {
        return Optional.of("serviceloader");
    }
}
