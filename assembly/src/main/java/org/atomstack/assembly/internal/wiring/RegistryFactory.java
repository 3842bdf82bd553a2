package org.atomstack.assembly.internal.wiring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atomstack.api.plugin.PluginException;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.assembly.internal.osgi.FelixRuntime;
import org.atomstack.assembly.internal.osgi.OsgiPluginRegistry;
import org.osgi.framework.BundleException;

/** Creates the plugin registry of the runtime chosen in {@link RuntimeOptions}. */
final class RegistryFactory {
    /** System property set by the launcher: the distribution folder (with lib/ and plugins/). */
    static final String HOME_PROPERTY = "atomstack.home";

    private RegistryFactory() {
    }

    static PluginRegistry create(RuntimeOptions options, Lifecycle lifecycle) {
        return switch (options.runtime()) {
            case SERVICELOADER -> PluginRegistry.serviceLoader(AtomstackModule.class.getClassLoader());
            case OSGI -> osgi(pluginsDir(options), lifecycle);
        };
    }

    static Path pluginsDir(RuntimeOptions options) {
        if (options.pluginsDir() != null) {
            return options.pluginsDir();
        }
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null) {
            throw new PluginException("--runtime osgi needs --plugins-dir DIR (no distribution folder is known)");
        }
        return Path.of(home, "plugins");
    }

    private static PluginRegistry osgi(Path dir, Lifecycle lifecycle) {
        if (!Files.isDirectory(dir)) {
            throw new PluginException("plugins folder " + dir + " does not exist");
        }
        try {
            FelixRuntime felix = lifecycle.register(FelixRuntime.start());
            felix.installFolder(dir);
            return new OsgiPluginRegistry(felix);
        } catch (IOException | BundleException e) {
            throw new PluginException("could not start the OSGi runtime on " + dir + ": " + e.getMessage(), e);
        }
    }
}
