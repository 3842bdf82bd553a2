package org.atomstack.assembly.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.plugin.PluginInfo;
import org.atomstack.api.plugin.PluginKind;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.plugin.Version;
import org.atomstack.api.plugin.VersionRange;
import org.atomstack.assembly.internal.osgi.fixture.failing.RefusingActivator;
import org.atomstack.assembly.internal.osgi.fixture.one.FixtureDescriptorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The OSGi plugin registry against a real embedded Felix framework and plugin bundles built
 * with bnd at test time: discovery from a plugins folder, install/update/uninstall at run time,
 * two versions side by side, and the problem paths (unresolvable bundle, non-bundle jar, bundle
 * with its own api copy). Each test starts its own framework.
 */
class FelixPluginRegistryTest {
    private static final String FIXTURE_BSN = "org.atomstack.test.fixture";
    private static final String EDITION_ONE = FixtureDescriptorProvider.DESCRIPTION;
    private static final String EDITION_TWO = org.atomstack.assembly.internal.osgi.fixture.two.FixtureDescriptorProvider.DESCRIPTION;

    @TempDir
    Path temp;

    private Path plugins;
    private Path staging;
    private FelixRuntime runtime;
    private PluginRegistry registry;

    @BeforeEach
    void startFramework() throws Exception {
        plugins = Files.createDirectory(temp.resolve("plugins"));
        staging = Files.createDirectory(temp.resolve("staging"));
        runtime = FelixRuntime.start(temp.resolve("felix-cache"));
        registry = new OsgiPluginRegistry(runtime);
    }

    @AfterEach
    void stopFramework() {
        runtime.close();
    }

    @Test
    void bundleFromPluginsFolderIsDiscoveredWithBundleVersionOriginAndOsgiRuntime() throws Exception {
        TestBundles.descriptorBundle(plugins, FIXTURE_BSN, "1.0.0", FixtureDescriptorProvider.class);

        List<Bundle> installed = runtime.installFolder(plugins);

        assertEquals(1, installed.size());
        Bundle bundle = installed.get(0);
        assertEquals(Bundle.ACTIVE, bundle.getState());
        Plugin<DescriptorProvider> plugin = registry.find(DescriptorProvider.class, "fixture");
        PluginInfo info = plugin.info();
        assertAll(
            () -> assertEquals(PluginKind.DESCRIPTOR, info.kind()),
            () -> assertEquals("fixture", info.id()),
            () -> assertEquals(new Version(1, 0, 0, ""), info.version()),
            () -> assertEquals("bundle " + bundle.getBundleId() + ": " + bundle.getLocation(), info.origin()),
            () -> assertTrue(info.origin().contains(FIXTURE_BSN + "-1.0.0.jar"), info.origin()),
            () -> assertEquals("osgi", info.runtime()),
            () -> assertEquals(EDITION_ONE, info.description()),
            () -> assertEquals(List.of(), registry.problems()));
        // The provider class comes from the bundle, the api interface from the host.
        assertNotSame(FixtureDescriptorProvider.class, plugin.provider().getClass());
        assertEquals(FixtureDescriptorProvider.class.getName(), plugin.provider().getClass().getName());
        assertTrue(plugin.provider() instanceof DescriptorProvider);
    }

    @Test
    void bundleInstalledUpdatedAndUninstalledAtRunTimeIsSeenByTheNextSnapshot() throws Exception {
        Path first = TestBundles.descriptorBundle(staging, FIXTURE_BSN, "1.0.0", FixtureDescriptorProvider.class);
        Path second = TestBundles.descriptorBundle(staging, FIXTURE_BSN, "2.0.0",
            org.atomstack.assembly.internal.osgi.fixture.two.FixtureDescriptorProvider.class);
        assertEquals(List.of(), registry.plugins());

        Bundle bundle = runtime.install(first);
        Plugin<DescriptorProvider> v1 = registry.find(DescriptorProvider.class, "fixture");
        assertEquals(Version.parse("1.0.0"), v1.info().version());
        assertEquals(EDITION_ONE, v1.provider().description());

        runtime.update(bundle, second);
        List<Plugin<DescriptorProvider>> afterUpdate = registry.plugins(DescriptorProvider.class);
        assertEquals(1, afterUpdate.size(), () -> "after update: " + afterUpdate);
        Plugin<DescriptorProvider> v2 = afterUpdate.get(0);
        assertAll(
            () -> assertEquals(Version.parse("2.0.0"), v2.info().version()),
            () -> assertEquals(EDITION_TWO, v2.provider().description()),
            () -> assertEquals(EDITION_TWO, v2.info().description()),
            () -> assertEquals(v1.info().origin(), v2.info().origin(), "an update keeps the bundle id and location"),
            () -> assertEquals(Bundle.ACTIVE, bundle.getState()));

        runtime.uninstall(bundle);
        assertEquals(List.of(), registry.plugins());
        assertEquals(List.of(), registry.problems());
        assertThrows(PluginException.class, () -> registry.find(DescriptorProvider.class, "fixture"));
    }

    @Test
    void twoVersionsOfOnePluginCoexistAndFindPicksTheVersionInRange() throws Exception {
        TestBundles.descriptorBundle(plugins, FIXTURE_BSN, "1.0.0", FixtureDescriptorProvider.class);
        TestBundles.descriptorBundle(plugins, FIXTURE_BSN, "2.0.0",
            org.atomstack.assembly.internal.osgi.fixture.two.FixtureDescriptorProvider.class);

        runtime.installFolder(plugins);

        assertEquals(List.of(Version.parse("1.0.0"), Version.parse("2.0.0")),
            registry.plugins(DescriptorProvider.class).stream().map(p -> p.info().version()).toList());
        Plugin<DescriptorProvider> one = registry.find(DescriptorProvider.class, "fixture", VersionRange.parse("[1.0,2.0)"));
        Plugin<DescriptorProvider> two = registry.find(DescriptorProvider.class, "fixture", VersionRange.parse("[2.0,3.0)"));
        assertAll(
            () -> assertEquals(Version.parse("1.0.0"), one.info().version()),
            () -> assertEquals(EDITION_ONE, one.provider().description()),
            () -> assertEquals(Version.parse("2.0.0"), two.info().version()),
            () -> assertEquals(EDITION_TWO, two.provider().description()),
            () -> assertEquals(Version.parse("2.0.0"), registry.find(DescriptorProvider.class, "fixture").info().version()),
            () -> assertEquals(List.of(), registry.problems()));
    }

    @Test
    void unsatisfiableVersionRangeNamesTheRangeAndTheInstalledVersions() throws Exception {
        TestBundles.descriptorBundle(plugins, FIXTURE_BSN, "1.0.0", FixtureDescriptorProvider.class);
        TestBundles.descriptorBundle(plugins, FIXTURE_BSN, "2.0.0",
            org.atomstack.assembly.internal.osgi.fixture.two.FixtureDescriptorProvider.class);
        runtime.installFolder(plugins);

        PluginException e = assertThrows(PluginException.class,
            () -> registry.find(DescriptorProvider.class, "fixture", VersionRange.parse("[3.0,4.0)")));

        assertTrue(e.getMessage().contains("[3.0.0,4.0.0)"), e.getMessage());
        assertTrue(e.getMessage().contains("1.0.0 (bundle "), e.getMessage());
        assertTrue(e.getMessage().contains("2.0.0 (bundle "), e.getMessage());
    }

    @Test
    void bundleRequiringAnApiVersionTheHostLacksIsReportedWhileOtherPluginsLoad() throws Exception {
        TestBundles.bundle(plugins, "org.atomstack.test.future", "1.0.0", DescriptorProvider.class,
            org.atomstack.assembly.internal.osgi.fixture.two.FixtureDescriptorProvider.class,
            "org.atomstack.api.descriptor;version=\"[9.0,10)\"," + TestBundles.API_1,
            org.atomstack.assembly.internal.osgi.fixture.two.FixtureDescriptorProvider.class.getPackageName());
        TestBundles.descriptorBundle(plugins, FIXTURE_BSN, "1.0.0", FixtureDescriptorProvider.class);

        List<Bundle> installed = runtime.installFolder(plugins);

        assertEquals(2, installed.size(), "an unresolvable bundle is still installed");
        assertEquals(List.of(Version.parse("1.0.0")),
            registry.plugins().stream().map(p -> p.info().version()).toList());
        assertEquals(EDITION_ONE, registry.find(DescriptorProvider.class, "fixture").info().description());
        List<String> problems = registry.problems();
        assertEquals(1, problems.size(), () -> "problems: " + problems);
        String problem = problems.get(0);
        assertAll(
            () -> assertTrue(problem.contains("org.atomstack.test.future 1.0.0"), problem),
            () -> assertTrue(problem.contains("is not resolved"), problem),
            () -> assertTrue(problem.contains("org.atomstack.api.descriptor"), problem),
            () -> assertTrue(problem.contains("9.0.0"), problem));
    }

    @Test
    void nonBundleJarInPluginsFolderIsReportedAndSkipped() throws Exception {
        TestBundles.plainJar(plugins, "commons-something-1.2.jar");
        Files.writeString(plugins.resolve("broken.jar"), "not a zip file");
        Files.writeString(plugins.resolve("notes.txt"), "ignored: not a jar");
        TestBundles.descriptorBundle(plugins, FIXTURE_BSN, "1.0.0", FixtureDescriptorProvider.class);

        List<Bundle> installed = runtime.installFolder(plugins);

        assertEquals(1, installed.size());
        assertEquals("fixture", registry.find(DescriptorProvider.class, "fixture").info().id());
        List<String> problems = registry.problems();
        assertEquals(2, problems.size(), () -> "problems: " + problems);
        assertTrue(problems.get(0).contains("broken.jar") && problems.get(0).contains("not a jar"), problems.get(0));
        assertTrue(problems.get(1).contains("commons-something-1.2.jar") && problems.get(1).contains("not an OSGi bundle"),
            problems.get(1));
    }

    @Test
    void bundleEmbeddingItsOwnCopyOfTheApiIsReportedNotLoaded() throws Exception {
        TestBundles.bundle(plugins, "org.atomstack.test.embedded", "1.0.0", DescriptorProvider.class,
            FixtureDescriptorProvider.class, "!org.atomstack.api.*,*",
            FixtureDescriptorProvider.class.getPackageName() + ",org.atomstack.api.*");

        runtime.installFolder(plugins);

        assertEquals(List.of(), registry.plugins());
        List<String> problems = registry.problems();
        assertEquals(1, problems.size(), () -> "problems: " + problems);
        assertTrue(problems.get(0).contains("org.atomstack.test.embedded 1.0.0"), problems.get(0));
        assertTrue(problems.get(0).contains("another copy of " + DescriptorProvider.class.getName()), problems.get(0));
    }

    @Test
    void bundleWhoseActivatorFailsIsReportedWhileItsProvidersStayAvailable() throws Exception {
        TestBundles.bundle(plugins, "org.atomstack.test.refusing", "1.0.0", DescriptorProvider.class,
            FixtureDescriptorProvider.class, TestBundles.API_1,
            FixtureDescriptorProvider.class.getPackageName() + "," + RefusingActivator.class.getPackageName(),
            "Bundle-Activator", RefusingActivator.class.getName());

        Bundle bundle = runtime.installFolder(plugins).get(0);

        assertEquals(Bundle.RESOLVED, bundle.getState());
        assertEquals(EDITION_ONE, registry.find(DescriptorProvider.class, "fixture").info().description());
        List<String> problems = registry.problems();
        assertEquals(1, problems.size(), () -> "problems: " + problems);
        assertTrue(problems.get(0).contains("org.atomstack.test.refusing 1.0.0"), problems.get(0));
        assertTrue(problems.get(0).contains("did not start") && problems.get(0).contains(RefusingActivator.MESSAGE), problems.get(0));
    }
}
