package org.atomstack.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.plugin.PluginInfo;
import org.atomstack.api.plugin.PluginProvider;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.plugin.VersionRange;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The registry contract rejects registries that break it (so its checks can fail). */
class PluginRegistryContractSelfTest {
    private static final PluginRegistry GOOD = new ExplicitRegistryContractTest().registry();

    /** A contract over a registry derived from the good one. */
    private static PluginRegistryContract contractFor(PluginRegistry registry) {
        return new PluginRegistryContract() {
            @Override
            protected PluginRegistry registry() {
                return registry;
            }

            @Override
            protected List<ExpectedPlugin> expectedPlugins() {
                return ServiceLoaderRegistryContractTest.EXPECTED;
            }
        };
    }

    /** The good registry's plugins transformed by {@code change}, with the default find. */
    private static PluginRegistry listing(UnaryOperator<List<Plugin<?>>> change) {
        List<Plugin<?>> plugins = List.copyOf(change.apply(new ArrayList<>(GOOD.plugins())));
        return () -> plugins;
    }

    @Test
    void theGoodRegistryPasses() {
        PluginRegistryContract c = contractFor(GOOD);
        c.pluginsAreSortedByKindThenIdThenVersion();
        c.findReturnsTheHighestVersionWithinARange();
        c.pluginSnapshotsAreUnmodifiable();
        c.everyInfoNamesANonBlankOriginAndRuntime();
    }

    @Test
    void rejectsAnUnsortedListing() {
        PluginRegistry reversed = listing(l -> {
            l.sort(Comparator.<Plugin<?>, String>comparing(p -> p.info().id()).reversed());
            return l;
        });
        assertThrows(AssertionFailedError.class, () -> contractFor(reversed).pluginsAreSortedByKindThenIdThenVersion());
    }

    @Test
    void rejectsAMissingExpectedPlugin() {
        PluginRegistry missing = listing(l -> {
            l.removeIf(p -> p.info().version().toString().equals("1.5.0"));
            return l;
        });
        assertThrows(AssertionFailedError.class, () -> contractFor(missing).containsEveryExpectedPlugin());
    }

    @Test
    void rejectsABlankOrigin() {
        PluginRegistry blank = listing(l -> {
            Plugin<?> p = l.get(0);
            PluginInfo i = p.info();
            l.set(0, new Plugin<>(new PluginInfo(i.id(), i.kind(), i.version(), " ", i.runtime(), i.description()), p.provider()));
            return l;
        });
        assertThrows(AssertionFailedError.class, () -> contractFor(blank).everyInfoNamesANonBlankOriginAndRuntime());
    }

    @Test
    void rejectsAFindThatReturnsTheLowestVersion() {
        PluginRegistry lowest = new PluginRegistry() {
            @Override
            public List<Plugin<?>> plugins() {
                return GOOD.plugins();
            }

            @Override
            public <P extends PluginProvider> Plugin<P> find(Class<P> type, String id, VersionRange range) {
                return plugins(type).stream().filter(p -> p.info().id().equals(id) && range.includes(p.info().version()))
                    .findFirst().orElseThrow(() -> new PluginException("none"));
            }
        };
        assertThrows(AssertionFailedError.class, () -> contractFor(lowest).findReturnsTheHighestVersionWithinARange());
        assertThrows(AssertionFailedError.class, () -> contractFor(lowest).findRejectsAnUnknownIdListingTheInstalledIdsOfThatKind());
    }

    @Test
    void rejectsAModifiableTypedSnapshot() {
        PluginRegistry modifiable = new PluginRegistry() {
            @Override
            public List<Plugin<?>> plugins() {
                return GOOD.plugins();
            }

            @Override
            public <P extends PluginProvider> List<Plugin<P>> plugins(Class<P> type) {
                return new ArrayList<>(GOOD.plugins(type));
            }
        };
        assertThrows(AssertionFailedError.class, () -> contractFor(modifiable).pluginSnapshotsAreUnmodifiable());
    }

    @Test
    void rejectsExpectationsWithoutAnIdInSeveralVersions() {
        PluginRegistryContract single = new PluginRegistryContract() {
            @Override
            protected PluginRegistry registry() {
                return GOOD;
            }

            @Override
            protected List<ExpectedPlugin> expectedPlugins() {
                return List.of(ExpectedPlugin.of(org.atomstack.api.plugin.PluginKind.BACKEND, "fake-backend", "3.1.4"));
            }
        };
        assertThrows(AssertionFailedError.class, single::expectedPluginsIncludeAnIdInSeveralVersions);
    }
}
