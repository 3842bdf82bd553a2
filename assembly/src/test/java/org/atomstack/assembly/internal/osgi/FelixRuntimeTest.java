package org.atomstack.assembly.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.atomstack.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleException;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

/** The embedded Felix framework itself: system packages, storage handling, shutdown, install checks. */
class FelixRuntimeTest {
    @TempDir
    Path temp;

    @Test
    void exportPackageHeaderIsParsedIntoPackagesAndVersionsIgnoringDirectives() {
        List<ApiPackages.ExportedPackage> packages = ApiPackages.parse(
            "a.b;version=\"1.0.0\",c.d;version=\"1.2.0\";uses:=\"a.b,e.f\",g.h;i.j;version=2.0,k.l");

        assertEquals(List.of(
            new ApiPackages.ExportedPackage("a.b", "1.0.0"),
            new ApiPackages.ExportedPackage("c.d", "1.2.0"),
            new ApiPackages.ExportedPackage("g.h", "2.0"),
            new ApiPackages.ExportedPackage("i.j", "2.0"),
            new ApiPackages.ExportedPackage("k.l", "0.0.0")), packages);
        assertEquals("a.b;version=\"1.0.0\",c.d;version=\"1.2.0\"", ApiPackages.systemPackagesExtra(packages.subList(0, 2)));
        assertThrows(IllegalArgumentException.class, () -> ApiPackages.parse("a.b,;version=1.0"));
    }

    @Test
    void systemBundleExportsTheApiPackagesWithTheVersionsOfTheApiManifest() throws Exception {
        try (FelixRuntime runtime = FelixRuntime.start()) {
            Map<String, String> exported = runtime.context().getBundle(0).adapt(BundleWiring.class)
                .getCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .map(BundleCapability::getAttributes)
                .filter(a -> a.get(PackageNamespace.PACKAGE_NAMESPACE).toString().startsWith("org.atomstack."))
                .collect(Collectors.toMap(a -> a.get(PackageNamespace.PACKAGE_NAMESPACE).toString(),
                    a -> a.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE).toString()));

            List<ApiPackages.ExportedPackage> api = ApiPackages.of(PluginRegistry.class);
            assertTrue(api.size() >= 5, () -> "api packages: " + api);
            assertEquals(api.stream().collect(Collectors.toMap(ApiPackages.ExportedPackage::name, ApiPackages.ExportedPackage::version)),
                exported);
            assertEquals("1.0.0", exported.get("org.atomstack.api.descriptor"));
            assertEquals("1.0.0", exported.get("org.atomstack.api.plugin"));
            assertFalse(exported.keySet().stream().anyMatch(p -> p.contains(".internal")), () -> "exported: " + exported.keySet());
        }
    }

    @Test
    void givenStorageDirectoryIsEmptiedOnStartAndKeptOnClose() throws Exception {
        Path storage = Files.createDirectories(temp.resolve("cache"));
        Path stale = Files.writeString(storage.resolve("stale.txt"), "from an earlier run");

        try (FelixRuntime runtime = FelixRuntime.start(storage)) {
            assertTrue(runtime.isRunning());
            assertFalse(Files.exists(stale), "the storage is cleaned on start");
        }

        assertTrue(Files.isDirectory(storage));
    }

    @Test
    void closeStopsTheFrameworkAndDeletesItsTemporaryStorage() throws Exception {
        FelixRuntime runtime = FelixRuntime.start();
        Path storage = runtime.storage();
        OsgiPluginRegistry registry = new OsgiPluginRegistry(runtime);
        assertTrue(Files.isDirectory(storage));

        runtime.close();
        runtime.close();

        assertFalse(runtime.isRunning());
        assertFalse(Files.exists(storage));
        assertEquals(List.of(), runtime.bundles());
        assertEquals(List.of(), registry.plugins());
        assertTrue(registry.problems().get(0).contains("not running"), registry.problems().toString());
    }

    @Test
    void installingAJarThatIsNotABundleFailsNamingTheJar() throws Exception {
        Path jar = TestBundles.plainJar(temp, "library.jar");
        try (FelixRuntime runtime = FelixRuntime.start(temp.resolve("cache"))) {
            BundleException e = assertThrows(BundleException.class, () -> runtime.install(jar));

            assertTrue(e.getMessage().contains("library.jar") && e.getMessage().contains("not an OSGi bundle"), e.getMessage());
            assertEquals(List.of(), runtime.bundles());
        }
    }
}
