package org.atomstack.api.plugin.internal;

import java.net.URI;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.Optional;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginInfo;
import org.atomstack.api.plugin.PluginKind;
import org.atomstack.api.plugin.PluginProvider;
import org.atomstack.api.plugin.Version;

/** Helpers to describe where a provider class came from. */
public final class Origins {
    /** Plugins sorted by kind, id, version. */
    public static final Comparator<Plugin<?>> ORDER = Comparator.<Plugin<?>, PluginKind>comparing(p -> p.info().kind())
        .thenComparing(p -> p.info().id())
        .thenComparing(p -> p.info().version());

    private Origins() {
    }

    /** Builds the info of a provider with a given origin and runtime, using the provider's own version. */
    public static PluginInfo info(PluginProvider p, String origin, String runtime) {
        return info(p, p.version(), origin, runtime);
    }

    /** Builds the info of a provider with an explicit version. */
    public static PluginInfo info(PluginProvider p, Version version, String origin, String runtime) {
        String id = p.id();
        if (id == null || id.isBlank() || !id.equals(id.strip())) {
            throw new IllegalStateException("provider " + p.getClass().getName() + " has an invalid id '" + id + "'");
        }
        return new PluginInfo(id, p.kind(), version, origin, runtime, p.description() == null ? "" : p.description());
    }

    /** "module NAME (location)" for a named module, else the jar or directory of the class. */
    public static String codeLocation(Class<?> type) {
        Module m = type.getModule();
        String where = codeSource(type).orElse("unknown location");
        if (m.isNamed()) {
            Optional<URI> loc = m.getLayer() == null ? Optional.empty()
                : m.getLayer().configuration().findModule(m.getName()).flatMap(r -> r.reference().location());
            return "module " + m.getName() + " (" + loc.map(URI::toString).orElse(where) + ")";
        }
        return where;
    }

    private static Optional<String> codeSource(Class<?> type) {
        try {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            return cs == null || cs.getLocation() == null ? Optional.empty() : Optional.of(cs.getLocation().toString());
        } catch (SecurityException e) {
            return Optional.empty();
        }
    }
}
