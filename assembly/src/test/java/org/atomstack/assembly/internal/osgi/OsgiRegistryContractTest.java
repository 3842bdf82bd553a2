package org.atomstack.assembly.internal.osgi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.atomstack.api.plugin.PluginKind;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.assembly.internal.osgi.fixture.one.FixtureDescriptorProvider;
import org.atomstack.testkit.PluginRegistryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OSGi registry passes the same registry contract as the ServiceLoader and explicit
 * registries: a real Felix framework with the "fixture" plugin installed in versions 1.0.0,
 * 1.5.0 and 2.0.0 side by side.
 */
class OsgiRegistryContractTest extends PluginRegistryContract {
    @TempDir
    static Path temp;

    static FelixRuntime runtime;
    static PluginRegistry registry;

    @BeforeAll
    static void startFrameworkWithThreeVersions() throws Exception {
        Path plugins = Files.createDirectory(temp.resolve("plugins"));
        for (String v : List.of("1.0.0", "1.5.0", "2.0.0")) {
            TestBundles.descriptorBundle(plugins, "org.atomstack.test.fixture", v, FixtureDescriptorProvider.class);
        }
        runtime = FelixRuntime.start(temp.resolve("felix-cache"));
        runtime.installFolder(plugins);
        registry = new OsgiPluginRegistry(runtime);
    }

    @AfterAll
    static void stopFramework() {
        runtime.close();
    }

    @Override
    protected PluginRegistry registry() {
        return registry;
    }

    @Override
    protected List<ExpectedPlugin> expectedPlugins() {
        return List.of(ExpectedPlugin.of(PluginKind.DESCRIPTOR, "fixture", "1.0.0"),
            ExpectedPlugin.of(PluginKind.DESCRIPTOR, "fixture", "1.5.0"),
            ExpectedPlugin.of(PluginKind.DESCRIPTOR, "fixture", "2.0.0"));
    }

    @Override
    protected Optional<String> expectedRuntime() {
        return Optional.of("osgi");
    }
}
