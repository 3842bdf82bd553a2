package org.atomstack.api.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.atomstack.api.plugin.internal.ExplicitRegistry;
import org.atomstack.api.plugin.internal.ServiceLoaderRegistry;

/**
 * Where all code finds plugins. Implementations: {@link #serviceLoader(ClassLoader)}
 * (JPMS module path and class path), {@link #of(PluginProvider...)} (explicit registration,
 * for tests and Guice modules), and the OSGi registry of the assembly (bundles installed,
 * updated and removed at run time). Code above the registry never learns which it is using.
 *
 * <p>{@link #plugins()} is a snapshot: under OSGi the set may change between calls.
 * Implementations are thread-safe.
 */
public interface PluginRegistry {
    /** Every plugin currently available, sorted by kind, id and version. */
    List<Plugin<?>> plugins();

    /**
     * Plugins that were found but could not be loaded (a linkage error from a plugin built
     * against an incompatible api, a failing constructor, an unresolvable bundle), one line
     * each naming the plugin and the cause. Empty when all loaded.
     */
    default List<String> problems() {
        return List.of();
    }

    /** The plugins of one provider type, sorted by id and version (an unmodifiable snapshot). */
    default <P extends PluginProvider> List<Plugin<P>> plugins(Class<P> type) {
        List<Plugin<P>> out = new ArrayList<>();
        for (Plugin<?> p : plugins()) {
            if (type.isInstance(p.provider())) {
                @SuppressWarnings("unchecked")
                Plugin<P> typed = (Plugin<P>) p;
                out.add(typed);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The highest version of plugin {@code id} of the given type within {@code range}.
     *
     * @throws PluginException naming the id, the range and what is installed when none matches
     */
    default <P extends PluginProvider> Plugin<P> find(Class<P> type, String id, VersionRange range) {
        List<Plugin<P>> all = plugins(type);
        List<Plugin<P>> sameId = all.stream().filter(p -> p.info().id().equals(id)).toList();
        String kind = type.getSimpleName().replace("Provider", "").toLowerCase(java.util.Locale.ROOT);
        if (sameId.isEmpty()) {
            List<String> known = all.stream().map(p -> p.info().id() + "@" + p.info().version()).distinct().toList();
            throw new PluginException("unknown " + kind + " plugin '" + id + "'; installed " + kind + " plugins: "
                + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return sameId.stream().filter(p -> range.includes(p.info().version()))
            .max(Comparator.comparing(p -> p.info().version()))
            .orElseThrow(() -> new PluginException(kind + " plugin '" + id + "' has no version in " + range
                + "; installed: " + String.join(", ", sameId.stream().map(p -> p.info().version() + " (" + p.info().origin() + ")").toList())));
    }

    /** {@link #find(Class, String, VersionRange)} with any version. */
    default <P extends PluginProvider> Plugin<P> find(Class<P> type, String id) {
        return find(type, id, VersionRange.ANY);
    }

    /** A fixed registry of the given providers (explicit registration; runtime "explicit"). */
    static PluginRegistry of(PluginProvider... providers) {
        return new ExplicitRegistry(List.of(providers));
    }

    /**
     * A registry that discovers providers with {@link java.util.ServiceLoader}: on the module
     * path through the module graph of {@code loader}, and on the class path through
     * {@code META-INF/services}. Discovery runs once, here.
     */
    static PluginRegistry serviceLoader(ClassLoader loader) {
        return ServiceLoaderRegistry.discover(loader);
    }
}
