package org.atomstack.assembly.internal.osgi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginInfo;
import org.atomstack.api.plugin.PluginKind;
import org.atomstack.api.plugin.PluginProvider;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.plugin.Version;
import org.atomstack.api.selection.SelectorProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live {@link PluginRegistry} over the bundles of a {@link FelixRuntime}: every
 * {@link #plugins()} call returns a snapshot of the providers in the bundles that are resolved
 * at that moment (RESOLVED, STARTING, ACTIVE or STOPPING), so bundles installed, updated or
 * uninstalled at run time show up in the next call, without a restart.
 *
 * <p>Discovery: for each bundle and each of the four SPIs, the registry reads
 * {@code META-INF/services/<SPI>} from the bundle's own jar ({@link Bundle#getEntry}), loads each
 * listed class through the bundle ({@link Bundle#loadClass}), checks that it implements the
 * host's SPI interface (a bundle that embeds its own copy of the api is rejected), and creates
 * it through its public no-argument constructor. The plugin's version is the bundle version, its
 * origin {@code "bundle <id>: <location>"}, its runtime {@code "osgi"}. Results are cached per
 * bundle wiring: a bundle is scanned again only after it was updated or re-resolved, and each
 * discovered plugin is logged once (id, version, origin).
 *
 * <p>Nothing is thrown from {@link #plugins()} or {@link #problems()}: bundles that did not
 * resolve (with the framework's message), resolved bundles that failed to start (their providers
 * stay listed), providers that cannot be loaded or created, and jars
 * of the plugins folder that are not bundles are listed in {@link #problems()}, each naming the
 * bundle's symbolic name and version and the cause.
 *
 * <p>Thread-safe: a snapshot is computed under the registry's lock. Providers in a snapshot stay
 * usable by the caller after their bundle is uninstalled, but should then be dropped.
 */
public final class OsgiPluginRegistry implements PluginRegistry {
    /** The value of {@link PluginInfo#runtime()} for plugins found by this registry. */
    public static final String RUNTIME = "osgi";

    private static final Logger LOG = LoggerFactory.getLogger(OsgiPluginRegistry.class);
    private static final Map<Class<? extends PluginProvider>, PluginKind> SPIS = spis();
    private static final Comparator<Plugin<?>> ORDER = Comparator.<Plugin<?>, PluginKind>comparing(p -> p.info().kind())
        .thenComparing(p -> p.info().id())
        .thenComparing(p -> p.info().version())
        .thenComparing(p -> p.info().origin());
    private static final int RESOLVED_STATES = Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;

    private final FelixRuntime runtime;
    /** The last scan of each bundle, by bundle id; guarded by {@code this}. */
    private final Map<Long, Scan> scans = new HashMap<>();

    /**
     * The result of scanning one bundle in one state.
     *
     * @param revision the bundle revision scanned
     * @param wiring   its wiring, or null when it was not resolved
     * @param plugins  providers found
     * @param problems problems found
     */
    private record Scan(BundleRevision revision, BundleWiring wiring, List<Plugin<?>> plugins, List<String> problems) {
    }

    /**
     * A snapshot of the registry.
     *
     * @param plugins  sorted plugins
     * @param problems problems, plugins-folder problems first, then by bundle id
     */
    private record Snapshot(List<Plugin<?>> plugins, List<String> problems) {
    }

    /** A registry over the bundles of {@code runtime}; it holds no resources of its own. */
    public OsgiPluginRegistry(FelixRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /** The providers of all currently resolved bundles, sorted by kind, id, version and origin. */
    @Override
    public List<Plugin<?>> plugins() {
        return snapshot().plugins();
    }

    /**
     * Jars of the plugins folder that are not bundles, bundles that did not resolve, and providers
     * that could not be loaded or created, one line each; empty when everything loaded.
     */
    @Override
    public List<String> problems() {
        return snapshot().problems();
    }

    private synchronized Snapshot snapshot() {
        List<String> problems = new ArrayList<>(runtime.problems());
        if (!runtime.isRunning()) {
            scans.clear();
            problems.add("the OSGi framework is not running; no bundle plugins are available");
            return new Snapshot(List.of(), List.copyOf(problems));
        }
        List<Bundle> bundles;
        try {
            bundles = runtime.bundles();
        } catch (IllegalStateException e) {
            scans.clear();
            problems.add("the OSGi framework stopped while its bundles were listed: " + FelixRuntime.describe(e));
            return new Snapshot(List.of(), List.copyOf(problems));
        }
        List<Plugin<?>> plugins = new ArrayList<>();
        Set<Long> present = new HashSet<>();
        for (Bundle bundle : bundles) {
            present.add(bundle.getBundleId());
            try {
                Scan scan = scan(bundle);
                plugins.addAll(scan.plugins());
                problems.addAll(scan.problems());
                if (bundle.getState() == Bundle.RESOLVED) {
                    runtime.startFailure(bundle).ifPresent(f -> problems.add(name(bundle) + " is resolved but did not start: " + f));
                }
            } catch (RuntimeException | LinkageError e) {
                // The bundle changed under the scan (e.g. uninstalled concurrently) or misbehaved.
                problems.add(name(bundle) + " could not be scanned: " + FelixRuntime.describe(e));
            }
        }
        scans.keySet().retainAll(present);
        plugins.sort(ORDER);
        return new Snapshot(List.copyOf(plugins), List.copyOf(problems));
    }

    private Scan scan(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null || (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
            return new Scan(revision, null, List.of(), List.of());
        }
        BundleWiring wiring = (bundle.getState() & RESOLVED_STATES) != 0 ? bundle.adapt(BundleWiring.class) : null;
        Scan cached = scans.get(bundle.getBundleId());
        Scan fresh;
        if (wiring == null) {
            String problem = name(bundle) + " is not resolved: "
                + runtime.startFailure(bundle).orElse("the framework has not resolved it (no start was attempted)");
            fresh = new Scan(revision, null, List.of(), List.of(problem));
            if (cached != null && cached.revision() == revision && cached.wiring() == null && cached.problems().equals(fresh.problems())) {
                return cached;
            }
        } else {
            if (cached != null && cached.revision() == revision && cached.wiring() == wiring) {
                return cached;
            }
            fresh = discover(bundle, revision, wiring);
        }
        for (Plugin<?> p : fresh.plugins()) {
            LOG.info("discovered {} from {}", p.info().coordinates(), p.info().origin());
        }
        for (String problem : fresh.problems()) {
            LOG.warn(problem);
        }
        scans.put(bundle.getBundleId(), fresh);
        return fresh;
    }

    private Scan discover(Bundle bundle, BundleRevision revision, BundleWiring wiring) {
        List<Plugin<?>> plugins = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Class<? extends PluginProvider>, PluginKind> spi : SPIS.entrySet()) {
            String file = "META-INF/services/" + spi.getKey().getName();
            URL entry;
            List<String> classNames;
            try {
                entry = bundle.getEntry(file);
                if (entry == null) {
                    continue;
                }
                classNames = readServiceFile(entry);
            } catch (IOException | IllegalStateException e) {
                problems.add(name(bundle) + ": cannot read " + file + ": " + FelixRuntime.describe(e));
                continue;
            }
            for (String className : classNames) {
                try {
                    plugins.add(load(bundle, spi.getKey(), spi.getValue(), className));
                } catch (ProviderException e) {
                    problems.add(name(bundle) + ": " + spi.getKey().getSimpleName() + " " + className + " " + e.getMessage());
                }
            }
        }
        return new Scan(revision, wiring, List.copyOf(plugins), List.copyOf(problems));
    }

    /** Loads, checks and creates one provider listed in a services file of {@code bundle}. */
    private static Plugin<?> load(Bundle bundle, Class<? extends PluginProvider> spi, PluginKind kind, String className)
            throws ProviderException {
        Class<?> type;
        try {
            type = bundle.loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new ProviderException("is listed in META-INF/services but cannot be loaded: " + FelixRuntime.describe(e), e);
        } catch (LinkageError e) {
            throw new ProviderException("cannot be linked (built against an incompatible api?): " + FelixRuntime.describe(e), e);
        } catch (IllegalStateException e) {
            throw new ProviderException("cannot be loaded because the bundle changed: " + FelixRuntime.describe(e), e);
        }
        if (!spi.isAssignableFrom(type)) {
            throw new ProviderException(foreignSpi(type, spi)
                .map(other -> "implements another copy of " + spi.getName() + " (loaded by " + other.getClassLoader()
                    + "), not the host's: the bundle must import package " + spi.getPackageName()
                    + " from the framework instead of embedding the api")
                .orElse("does not implement " + spi.getName()), null);
        }
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw new ProviderException("is not a public concrete class", null);
        }
        PluginProvider provider;
        try {
            provider = spi.cast(type.getConstructor().newInstance());
        } catch (NoSuchMethodException e) {
            throw new ProviderException("has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new ProviderException("failed in its constructor: " + FelixRuntime.describe(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new ProviderException("cannot be created: " + FelixRuntime.describe(e), e);
        }
        try {
            String id = provider.id();
            if (id == null || id.isBlank() || !id.equals(id.strip())) {
                throw new ProviderException("has an invalid id '" + id + "'", null);
            }
            PluginKind declared = provider.kind();
            if (declared != kind) {
                throw new ProviderException("declares kind " + declared + " but is registered as a " + kind.label() + " provider", null);
            }
            String description = provider.description();
            PluginInfo info = new PluginInfo(id, kind, version(bundle), origin(bundle), RUNTIME, description == null ? "" : description);
            return new Plugin<>(info, provider);
        } catch (RuntimeException | LinkageError e) {
            throw new ProviderException("failed to describe itself (id, kind, description): " + FelixRuntime.describe(e), e);
        }
    }

    /** An interface of {@code type} (or of its superclasses) named like {@code spi} but loaded elsewhere. */
    private static Optional<Class<?>> foreignSpi(Class<?> type, Class<?> spi) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        List<Class<?>> todo = new ArrayList<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.remove(todo.size() - 1);
            if (c == null || !seen.add(c)) {
                continue;
            }
            if (c.getName().equals(spi.getName()) && c != spi) {
                return Optional.of(c);
            }
            todo.add(c.getSuperclass());
            todo.addAll(List.of(c.getInterfaces()));
        }
        return Optional.empty();
    }

    private static List<String> readServiceFile(URL entry) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(entry.openStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }

    /** The bundle version as an api {@link Version}. */
    static Version version(Bundle bundle) {
        org.osgi.framework.Version v = bundle.getVersion();
        return new Version(v.getMajor(), v.getMinor(), v.getMicro(), v.getQualifier());
    }

    /** "bundle ID: LOCATION", the {@link PluginInfo#origin()} of the bundle's plugins. */
    static String origin(Bundle bundle) {
        return "bundle " + bundle.getBundleId() + ": " + bundle.getLocation();
    }

    private static String name(Bundle bundle) {
        return "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + origin(bundle) + ")";
    }

    private static Map<Class<? extends PluginProvider>, PluginKind> spis() {
        Map<Class<? extends PluginProvider>, PluginKind> m = new LinkedHashMap<>();
        m.put(DescriptorProvider.class, PluginKind.DESCRIPTOR);
        m.put(SelectorProvider.class, PluginKind.SELECTOR);
        m.put(ModelProvider.class, PluginKind.MODEL);
        m.put(BackendProvider.class, PluginKind.BACKEND);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "OSGi registry over " + (runtime.isRunning() ? runtime.bundles().size() + " bundles" : "a stopped framework");
    }

    /** Why one provider could not be used; the message completes "bundle X: SPI class ...". */
    private static final class ProviderException extends Exception {
        private static final long serialVersionUID = 1L;

        ProviderException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
