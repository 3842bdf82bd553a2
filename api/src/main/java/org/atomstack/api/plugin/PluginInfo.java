package org.atomstack.api.plugin;

import java.util.Objects;

/**
 * What the registry knows about a discovered plugin.
 *
 * @param id          the provider's id
 * @param kind        its SPI
 * @param version     its version (bundle version under OSGi)
 * @param origin      where it was loaded from: a jar path, "module org.x (jar)", or "bundle N: location"
 * @param runtime     which runtime loaded it: "serviceloader", "osgi" or "explicit"
 * @param description the provider's one-line description
 */
public record PluginInfo(String id, PluginKind kind, Version version, String origin, String runtime, String description) {
    /** Checks for nulls. */
    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(description, "description");
    }

    /** "kind id@version". */
    public String coordinates() {
        return kind.label() + " " + id + "@" + version;
    }
}
