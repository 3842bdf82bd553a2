package org.atomstack.api.plugin.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginInfo;
import org.atomstack.api.plugin.PluginProvider;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.selection.SelectorProvider;

/**
 * Discovers providers of the four SPIs with {@link ServiceLoader}, once, and logs each
 * (id, version, origin) through {@link System.Logger}. Providers that fail to load are
 * reported in {@link #problems()} rather than failing discovery.
 */
public final class ServiceLoaderRegistry implements PluginRegistry {
    private static final System.Logger LOG = System.getLogger(ServiceLoaderRegistry.class.getName());
    private static final List<Class<? extends PluginProvider>> SPIS =
        List.of(DescriptorProvider.class, SelectorProvider.class, ModelProvider.class, BackendProvider.class);

    private final List<Plugin<?>> plugins;
    private final List<String> problems;

    private ServiceLoaderRegistry(List<Plugin<?>> plugins, List<String> problems) {
        this.plugins = plugins;
        this.problems = problems;
    }

    /** Runs discovery with the given class loader. */
    public static ServiceLoaderRegistry discover(ClassLoader loader) {
        List<Plugin<?>> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Class<? extends PluginProvider> spi : SPIS) {
            load(spi, loader, found, problems);
        }
        found.sort(Origins.ORDER);
        for (Plugin<?> p : found) {
            LOG.log(Level.DEBUG, "discovered {0} from {1}", p.info().coordinates(), p.info().origin());
        }
        for (String problem : problems) {
            LOG.log(Level.WARNING, problem);
        }
        return new ServiceLoaderRegistry(List.copyOf(found), List.copyOf(problems));
    }

    private static <P extends PluginProvider> void load(Class<P> spi, ClassLoader loader, List<Plugin<?>> found, List<String> problems) {
        Iterator<P> it = ServiceLoader.load(spi, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return;
                }
                P provider = it.next();
                PluginInfo info = Origins.info(provider, Origins.codeLocation(provider.getClass()), "serviceloader");
                found.add(new Plugin<>(info, provider));
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                problems.add(spi.getSimpleName() + " could not be loaded: " + describe(e));
            }
        }
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            sb.append("; caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }

    @Override
    public List<Plugin<?>> plugins() {
        return plugins;
    }

    @Override
    public List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "ServiceLoader registry of " + plugins.size() + " plugins";
    }
}
