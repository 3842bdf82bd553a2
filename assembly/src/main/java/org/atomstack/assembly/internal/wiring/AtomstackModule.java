package org.atomstack.assembly.internal.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.atomstack.api.plugin.PluginRegistry;

/**
 * Guice wiring of the application: runtime options, the resource lifecycle, the plugin
 * registry of the chosen runtime (or an explicitly given one), and the backend chooser.
 */
public final class AtomstackModule extends AbstractModule {
    private final RuntimeOptions options;
    private final Lifecycle lifecycle;
    private final PluginRegistry explicitRegistry;

    private AtomstackModule(RuntimeOptions options, Lifecycle lifecycle, PluginRegistry explicitRegistry) {
        this.options = options;
        this.lifecycle = lifecycle;
        this.explicitRegistry = explicitRegistry;
    }

    /** Discovers plugins with the runtime named in {@code options}. */
    public static AtomstackModule discovering(RuntimeOptions options, Lifecycle lifecycle) {
        return new AtomstackModule(options, lifecycle, null);
    }

    /** Uses exactly the given registry (explicit registration; tests and embedding). */
    public static AtomstackModule withRegistry(PluginRegistry registry, Lifecycle lifecycle) {
        return new AtomstackModule(new RuntimeOptions(), lifecycle, registry);
    }

    @Override
    protected void configure() {
        bind(RuntimeOptions.class).toInstance(options);
        bind(Lifecycle.class).toInstance(lifecycle);
    }

    @Provides
    @Singleton
    PluginRegistry registry() {
        if (explicitRegistry != null) {
            return explicitRegistry;
        }
        return RegistryFactory.create(options, lifecycle);
    }

    @Provides
    BackendChooser backendChooser(PluginRegistry registry) {
        return new BackendChooser(registry);
    }
}
