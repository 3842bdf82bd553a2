package org.atomstack.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.plugin.PluginInfo;
import org.atomstack.api.plugin.PluginKind;
import org.atomstack.api.plugin.PluginProvider;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.plugin.Version;
import org.atomstack.api.plugin.VersionRange;
import org.atomstack.api.selection.SelectorProvider;
import org.junit.jupiter.api.Test;

/**
 * Contract every {@link PluginRegistry} implementation must pass: the ServiceLoader registry,
 * the explicit registry of {@link PluginRegistry#of}, and the OSGi registry of the assembly.
 * Subclass it and supply a registry that contains known plugins:
 *
 * <pre>{@code
 * class ExplicitRegistryContractTest extends PluginRegistryContract {
 *     protected PluginRegistry registry() {
 *         return PluginRegistry.of(new FooV1(), new FooV2(), new BarModel());
 *     }
 *     protected List<ExpectedPlugin> expectedPlugins() {
 *         return List.of(ExpectedPlugin.of(PluginKind.DESCRIPTOR, "foo", "1.0.0"),
 *                        ExpectedPlugin.of(PluginKind.DESCRIPTOR, "foo", "2.0.0"),
 *                        ExpectedPlugin.of(PluginKind.MODEL, "bar", "0.3.0"));
 *     }
 *     protected Optional<String> expectedRuntime() { return Optional.of("explicit"); }
 * }
 * }</pre>
 *
 * <p>The registry may hold more plugins than expected (a class path or a framework may bring
 * others); the checks on ordering, uniqueness, metadata and errors apply to all of them. The
 * expected plugins must include at least one id in two or more versions, so that choosing the
 * highest version within a range is exercised.
 *
 * <p>Checks: {@code plugins()} is sorted by kind, id and version, has no duplicate coordinates
 * and is consistent with {@code plugins(Class)}; every info matches its provider and has a
 * non-blank origin and runtime; {@code find} returns the highest version of an id, also within
 * a range; an unknown id and a range without an installed version fail with messages that name
 * the id, the range and what is installed; snapshots and problem lists are unmodifiable.
 */
public abstract class PluginRegistryContract {

    /** For subclasses. */
    protected PluginRegistryContract() {
    }

    /**
     * A plugin the registry under test must contain.
     *
     * @param kind    its kind
     * @param id      its id
     * @param version its version as the registry reports it
     */
    public record ExpectedPlugin(PluginKind kind, String id, Version version) {
        /** Checks for nulls. */
        public ExpectedPlugin {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(version, "version");
        }

        /**
         * An expected plugin with the version given as text.
         *
         * @param kind    its kind
         * @param id      its id
         * @param version its version, e.g. "1.2.0"
         * @return the expectation
         */
        public static ExpectedPlugin of(PluginKind kind, String id, String version) {
            return new ExpectedPlugin(kind, id, Version.parse(version));
        }
    }

    /**
     * The registry under test, containing at least {@link #expectedPlugins()}. Called at least
     * once per test; it may return a shared instance.
     *
     * @return the registry
     */
    protected abstract PluginRegistry registry();

    /**
     * Plugins the registry must contain; at least one id must appear in two or more versions.
     *
     * @return the expected plugins, in any order
     */
    protected abstract List<ExpectedPlugin> expectedPlugins();

    /**
     * The runtime every plugin's info must report ("serviceloader", "osgi", "explicit"), or
     * empty to accept any non-blank runtime.
     *
     * @return the expected runtime
     */
    protected Optional<String> expectedRuntime() {
        return Optional.empty();
    }

    /**
     * The provider interface of a kind.
     *
     * @param kind a plugin kind
     * @return the SPI class whose providers have that kind
     */
    protected static Class<? extends PluginProvider> spiOf(PluginKind kind) {
        return switch (kind) {
            case DESCRIPTOR -> DescriptorProvider.class;
            case SELECTOR -> SelectorProvider.class;
            case MODEL -> ModelProvider.class;
            case BACKEND -> BackendProvider.class;
        };
    }

    // ------------------------------------------------------------------ listing

    @Test
    void containsEveryExpectedPlugin() {
        List<Plugin<?>> all = registry().plugins();
        for (ExpectedPlugin e : expectedPlugins()) {
            boolean found = all.stream().anyMatch(p -> p.info().kind() == e.kind() && p.info().id().equals(e.id())
                && p.info().version().equals(e.version()));
            assertTrue(found, "registry lacks " + e + "; it has " + coordinates(all));
        }
    }

    @Test
    void expectedPluginsIncludeAnIdInSeveralVersions() {
        Map<String, Set<Version>> versions = new TreeMap<>();
        for (ExpectedPlugin e : expectedPlugins()) {
            versions.computeIfAbsent(e.kind() + " " + e.id(), k -> new HashSet<>()).add(e.version());
        }
        assertTrue(versions.values().stream().anyMatch(v -> v.size() >= 2),
            "expectedPlugins() must include an id in two or more versions so that version selection is tested; got " + versions);
    }

    @Test
    void pluginsAreSortedByKindThenIdThenVersion() {
        List<Plugin<?>> all = registry().plugins();
        Comparator<Plugin<?>> order = Comparator.<Plugin<?>, PluginKind>comparing(p -> p.info().kind())
            .thenComparing(p -> p.info().id())
            .thenComparing(p -> p.info().version());
        for (int k = 1; k < all.size(); k++) {
            assertTrue(order.compare(all.get(k - 1), all.get(k)) <= 0,
                all.get(k - 1).info().coordinates() + " is listed before " + all.get(k).info().coordinates());
        }
    }

    @Test
    void noPluginIsListedTwiceWithTheSameKindIdAndVersion() {
        Set<String> seen = new HashSet<>();
        for (Plugin<?> p : registry().plugins()) {
            assertTrue(seen.add(p.info().coordinates()), p.info().coordinates() + " is listed twice");
        }
    }

    @Test
    void pluginsOfEachSpiAreTheMatchingPluginsInTheSameOrder() {
        PluginRegistry registry = registry();
        List<Plugin<?>> all = registry.plugins();
        for (PluginKind kind : PluginKind.values()) {
            Class<? extends PluginProvider> spi = spiOf(kind);
            List<String> expected = all.stream().filter(p -> spi.isInstance(p.provider())).map(p -> p.info().coordinates()).toList();
            List<String> actual = registry.plugins(spi).stream().map(p -> p.info().coordinates()).toList();
            assertEquals(expected, actual, "plugins(" + spi.getSimpleName() + ")");
        }
    }

    @Test
    void everyInfoMatchesItsProvider() {
        for (Plugin<?> p : registry().plugins()) {
            PluginInfo info = p.info();
            assertNotNull(p.provider(), info.coordinates());
            assertEquals(p.provider().kind(), info.kind(), "kind of " + info.coordinates());
            assertEquals(p.provider().id(), info.id(), "id of " + info.coordinates());
            assertTrue(spiOf(info.kind()).isInstance(p.provider()),
                info.coordinates() + ": provider " + p.provider().getClass().getName() + " does not implement " + spiOf(info.kind()).getSimpleName());
            assertFalse(info.id().isBlank(), "blank id");
        }
    }

    @Test
    void everyInfoNamesANonBlankOriginAndRuntime() {
        for (Plugin<?> p : registry().plugins()) {
            PluginInfo info = p.info();
            assertFalse(info.origin().isBlank(), "blank origin of " + info.coordinates());
            assertFalse(info.runtime().isBlank(), "blank runtime of " + info.coordinates());
            expectedRuntime().ifPresent(r -> assertEquals(r, info.runtime(), "runtime of " + info.coordinates()));
        }
    }

    // ------------------------------------------------------------------ find

    @Test
    void findReturnsTheHighestInstalledVersionOfEachExpectedId() {
        PluginRegistry registry = registry();
        for (Map.Entry<String, TreeSet<Version>> e : installedVersions(registry).entrySet()) {
            ExpectedPlugin any = expectedWithKey(e.getKey());
            Plugin<? extends PluginProvider> found = registry.find(spiOf(any.kind()), any.id());
            assertEquals(e.getValue().last(), found.info().version(), "find(" + any.id() + ")");
            assertEquals(any.id(), found.info().id());
            assertTrue(spiOf(any.kind()).isInstance(found.provider()));
        }
        Plugin<? extends PluginProvider> viaAny = registry.find(spiOf(expectedPlugins().get(0).kind()), expectedPlugins().get(0).id(), VersionRange.ANY);
        assertEquals(expectedPlugins().get(0).id(), viaAny.info().id());
    }

    @Test
    void findReturnsTheHighestVersionWithinARange() {
        PluginRegistry registry = registry();
        boolean exercised = false;
        for (Map.Entry<String, TreeSet<Version>> e : installedVersions(registry).entrySet()) {
            TreeSet<Version> versions = e.getValue();
            if (versions.size() < 2) {
                continue;
            }
            ExpectedPlugin any = expectedWithKey(e.getKey());
            Class<? extends PluginProvider> spi = spiOf(any.kind());
            Version lowest = versions.first();
            Version highest = versions.last();
            Version belowHighest = versions.lower(highest);
            VersionRange excludingHighest = VersionRange.parse("[" + lowest + "," + highest + ")");
            assertEquals(belowHighest, registry.find(spi, any.id(), excludingHighest).info().version(), "find in " + excludingHighest);
            VersionRange includingHighest = VersionRange.parse("(" + lowest + "," + highest + "]");
            assertEquals(highest, registry.find(spi, any.id(), includingHighest).info().version(), "find in " + includingHighest);
            VersionRange floorOnly = VersionRange.parse(lowest.toString());
            assertEquals(highest, registry.find(spi, any.id(), floorOnly).info().version(), "find in " + floorOnly);
            for (Version v : versions) {
                VersionRange exact = VersionRange.parse("[" + v + "," + v + "]");
                assertEquals(v, registry.find(spi, any.id(), exact).info().version(), "find in " + exact);
            }
            exercised = true;
        }
        assertTrue(exercised, "no expected id is installed in two or more versions");
    }

    @Test
    void findRejectsAnUnknownIdListingTheInstalledIdsOfThatKind() {
        PluginRegistry registry = registry();
        for (PluginKind kind : kindsOfExpectedPlugins()) {
            Class<? extends PluginProvider> spi = spiOf(kind);
            String unknown = "no-such-plugin-" + kind.label();
            PluginException e = assertThrows(PluginException.class, () -> registry.find(spi, unknown));
            String message = e.getMessage();
            assertTrue(message.contains("'" + unknown + "'"), "message should quote the id: " + message);
            for (Plugin<?> p : registry.plugins(spi)) {
                assertTrue(message.contains(p.info().id()), "message should list installed " + p.info().id() + ": " + message);
            }
        }
    }

    @Test
    void findRejectsARangeWithoutAnInstalledVersionNamingTheRangeAndTheInstalledVersions() {
        PluginRegistry registry = registry();
        for (Map.Entry<String, TreeSet<Version>> e : installedVersions(registry).entrySet()) {
            ExpectedPlugin any = expectedWithKey(e.getKey());
            Version highest = e.getValue().last();
            VersionRange above = VersionRange.parse("[" + (highest.major() + 1) + ".0.0," + (highest.major() + 2) + ".0.0)");
            PluginException ex = assertThrows(PluginException.class, () -> registry.find(spiOf(any.kind()), any.id(), above));
            String message = ex.getMessage();
            assertTrue(message.contains(any.id()), "message should name the id: " + message);
            assertTrue(message.contains(above.toString()), "message should name the range " + above + ": " + message);
            for (Version v : e.getValue()) {
                assertTrue(message.contains(v.toString()), "message should list installed version " + v + ": " + message);
            }
        }
    }

    @Test
    void findDoesNotReturnAPluginOfAnotherKind() {
        PluginRegistry registry = registry();
        for (ExpectedPlugin e : expectedPlugins()) {
            for (PluginKind other : PluginKind.values()) {
                Class<? extends PluginProvider> spi = spiOf(other);
                boolean sameIdThere = registry.plugins(spi).stream().anyMatch(p -> p.info().id().equals(e.id()));
                if (other != e.kind() && !sameIdThere) {
                    assertThrows(PluginException.class, () -> registry.find(spi, e.id()),
                        e.id() + " is a " + e.kind().label() + ", not a " + other.label());
                }
            }
        }
    }

    // ------------------------------------------------------------------ snapshots

    @Test
    void pluginSnapshotsAreUnmodifiable() {
        PluginRegistry registry = registry();
        List<Plugin<?>> all = registry.plugins();
        List<String> before = coordinates(all);
        Plugin<?> first = all.get(0);
        assertThrows(UnsupportedOperationException.class, () -> all.add(first));
        assertThrows(UnsupportedOperationException.class, () -> all.remove(0));
        assertThrows(UnsupportedOperationException.class, all::clear);
        for (PluginKind kind : PluginKind.values()) {
            List<? extends Plugin<? extends PluginProvider>> typed = registry.plugins(spiOf(kind));
            assertThrows(UnsupportedOperationException.class, typed::clear, "plugins(" + spiOf(kind).getSimpleName() + ")");
        }
        assertEquals(before, coordinates(registry.plugins()), "the registry changed");
    }

    @Test
    void problemsAreAnUnmodifiableListOfNonBlankLines() {
        List<String> problems = registry().problems();
        assertNotNull(problems);
        assertThrows(UnsupportedOperationException.class, () -> problems.add("x"));
        for (String p : problems) {
            assertFalse(p == null || p.isBlank(), "blank problem line");
        }
    }

    @Test
    void repeatedCallsAgreeWhileNothingIsInstalledOrRemoved() {
        PluginRegistry registry = registry();
        List<String> first = coordinates(registry.plugins());
        List<String> second = coordinates(registry.plugins());
        assertEquals(first, second);
        ExpectedPlugin e = expectedPlugins().get(0);
        assertSame(registry.find(spiOf(e.kind()), e.id()).provider().getClass(),
            registry.find(spiOf(e.kind()), e.id()).provider().getClass());
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> coordinates(List<? extends Plugin<?>> plugins) {
        List<String> out = new ArrayList<>();
        for (Plugin<?> p : plugins) {
            out.add(p.info().coordinates());
        }
        return out;
    }

    private Set<PluginKind> kindsOfExpectedPlugins() {
        return expectedPlugins().stream().map(ExpectedPlugin::kind).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Installed versions (as listed by the registry) of every expected kind and id, keyed "KIND id". */
    private Map<String, TreeSet<Version>> installedVersions(PluginRegistry registry) {
        Map<String, TreeSet<Version>> out = new TreeMap<>();
        for (ExpectedPlugin e : expectedPlugins()) {
            out.computeIfAbsent(e.kind() + " " + e.id(), k -> new TreeSet<>());
        }
        for (Plugin<?> p : registry.plugins()) {
            TreeSet<Version> set = out.get(p.info().kind() + " " + p.info().id());
            if (set != null) {
                set.add(p.info().version());
            }
        }
        for (Map.Entry<String, TreeSet<Version>> e : out.entrySet()) {
            if (e.getValue().isEmpty()) {
                fail("registry has no plugin " + e.getKey());
            }
        }
        return out;
    }

    private ExpectedPlugin expectedWithKey(String key) {
        return expectedPlugins().stream().filter(e -> (e.kind() + " " + e.id()).equals(key)).findFirst().orElseThrow();
    }
}
