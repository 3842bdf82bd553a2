package org.atomstack.api.plugin;

import org.atomstack.api.plugin.internal.Versions;

/**
 * The entry point of a plugin: one class per plugin module, registered in {@code module-info}
 * ({@code provides}) and in {@code META-INF/services}. Providers describe themselves: a stable
 * {@link #id()}, their {@link #kind()}, and a {@link #version()} read by default from the
 * module descriptor or the jar manifest, so a plugin gets its metadata for free.
 *
 * <p>Implementations must have a public no-argument constructor, be thread-safe and hold no
 * mutable static state. Implemented by plugins; see the kind-specific sub-interfaces.
 */
public interface PluginProvider {
    /** Stable identifier used in stack files, e.g. "ace" or "linear"; lower case, no spaces. */
    String id();

    /** Which SPI this provider implements. */
    PluginKind kind();

    /** One-line human description. */
    default String description() {
        return "";
    }

    /**
     * The plugin's version: the module version if the module descriptor has one, else the
     * {@code Implementation-Version} or {@code Bundle-Version} of its jar's (or class folder's)
     * manifest, else 0.0.0.
     * Under OSGi the registry reports the bundle version instead.
     */
    default Version version() {
        return Versions.of(getClass());
    }

}
