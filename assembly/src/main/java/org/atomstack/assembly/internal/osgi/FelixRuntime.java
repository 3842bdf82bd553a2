package org.atomstack.assembly.internal.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.assembly.internal.io.AtomicFiles;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Apache Felix framework that hosts plugin bundles.
 *
 * <p>The framework runs with {@code org.osgi.framework.bsnversion=multiple}, so two versions of
 * one plugin can be installed side by side, and its system bundle exports the host's api
 * packages with the versions from the api's own {@code Export-Package} manifest header, so plugin
 * bundles import the host's api classes instead of bringing their own. Felix's own log output is
 * switched off; framework errors and warnings arrive as {@link FrameworkEvent}s and are logged
 * through SLF4J.
 *
 * <p>Bundles can be installed, updated and uninstalled at any time; {@link #update} and
 * {@link #uninstall} refresh the affected bundles and wait (bounded by {@link #TIMEOUT}) until
 * the refresh has finished, so that when they return the old revision is gone. A bundle that
 * does not resolve stays installed; the resolver's message is kept and reported by
 * {@link #startFailure(Bundle)}. Jars in a plugins folder that are not bundles are skipped
 * and listed in {@link #problems()}.
 *
 * <p>Thread-safe. {@link #close()} stops the framework, waits for it (bounded) and deletes the
 * storage directory when the runtime created it.
 */
public final class FelixRuntime implements AutoCloseable {
    /** How long starting, refreshing and stopping may take before the runtime gives up. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(FelixRuntime.class);
    private static final String FELIX_FACTORY = "org.apache.felix.framework.FrameworkFactory";

    private final Framework framework;
    private final Path storage;
    private final boolean ownsStorage;
    private final List<ApiPackages.ExportedPackage> apiPackages;
    /** Jars of a plugins folder that could not be installed, by location, in the order found; guarded by itself. */
    private final Map<String, String> installProblems = new LinkedHashMap<>();
    /** The last start or resolution failure of a bundle, by bundle id. */
    private final Map<Long, String> startFailures = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private FelixRuntime(Framework framework, Path storage, boolean ownsStorage, List<ApiPackages.ExportedPackage> apiPackages) {
        this.framework = framework;
        this.storage = storage;
        this.ownsStorage = ownsStorage;
        this.apiPackages = apiPackages;
    }

    /**
     * Starts a framework whose storage is a new temporary directory, deleted on {@link #close()}.
     *
     * @throws IOException     when the directory cannot be created or the api manifest cannot be read
     * @throws BundleException when the framework does not start
     */
    public static FelixRuntime start() throws IOException, BundleException {
        Path dir = Files.createTempDirectory("atomstack-felix-");
        try {
            return start(dir, true);
        } catch (IOException | BundleException | RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    /**
     * Starts a framework that keeps its bundle cache in {@code storageDir}. The directory is
     * created if needed and emptied on start (nothing persists from a previous run); it is left
     * in place on {@link #close()}.
     *
     * @throws IOException     when the directory cannot be created or the api manifest cannot be read
     * @throws BundleException when the framework does not start
     */
    public static FelixRuntime start(Path storageDir) throws IOException, BundleException {
        Files.createDirectories(storageDir);
        return start(storageDir.toAbsolutePath(), false);
    }

    private static FelixRuntime start(Path storage, boolean ownsStorage) throws IOException, BundleException {
        List<ApiPackages.ExportedPackage> api = ApiPackages.of(PluginRegistry.class);
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_BSNVERSION, Constants.FRAMEWORK_BSNVERSION_MULTIPLE);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, ApiPackages.systemPackagesExtra(api));
        // No JVM-wide URL stream handler factory: the framework is embedded, and bundle entry
        // URLs carry their own handler.
        config.put("felix.service.urlhandlers", "false");
        // Felix would print to stdout; errors and warnings are logged from framework events instead.
        config.put("felix.log.level", "0");

        Framework framework = frameworkFactory().newFramework(config);
        framework.init();
        FelixRuntime runtime = new FelixRuntime(framework, storage, ownsStorage, api);
        BundleContext context = framework.getBundleContext();
        context.addFrameworkListener(runtime::frameworkEvent);
        context.addBundleListener(runtime.bundleListener());
        try {
            framework.start();
        } catch (BundleException | RuntimeException e) {
            runtime.close();
            throw e;
        }
        LOG.info("started OSGi framework {} {} (storage {}); system bundle exports {}",
            framework.getSymbolicName(), framework.getVersion(), storage, api);
        return runtime;
    }

    private static FrameworkFactory frameworkFactory() {
        List<ServiceLoader.Provider<FrameworkFactory>> found = ServiceLoader
            .load(FrameworkFactory.class, FelixRuntime.class.getClassLoader()).stream().toList();
        return found.stream().filter(p -> p.type().getName().equals(FELIX_FACTORY)).findFirst()
            .or(() -> found.stream().findFirst())
            .orElseThrow(() -> new IllegalStateException("no OSGi framework (org.apache.felix.framework) on the class or module path"))
            .get();
    }

    /** The system bundle's context, through which bundles are inspected. Valid until {@link #close()}. */
    public BundleContext context() {
        BundleContext context = framework.getBundleContext();
        if (context == null || closed.get()) {
            throw new IllegalStateException("the OSGi framework is stopped");
        }
        return context;
    }

    /** Whether the framework is running (started and not closed). */
    public boolean isRunning() {
        return !closed.get() && framework.getState() == Bundle.ACTIVE;
    }

    /** The storage directory of the bundle cache. */
    public Path storage() {
        return storage;
    }

    /** The api packages the system bundle exports, as "package version". */
    public List<String> apiPackages() {
        return apiPackages.stream().map(ApiPackages.ExportedPackage::toString).toList();
    }

    /**
     * Installs every {@code *.jar} in {@code pluginsDir} (not recursively, in file-name order),
     * then starts them all, so that plugins depending on each other resolve whatever their order.
     * Jars that are not bundles or cannot be installed are skipped and recorded in
     * {@link #problems()}; bundles that do not resolve stay installed and are recorded in
     * {@link #startFailure(Bundle)}.
     *
     * @return the bundles installed, in file-name order
     * @throws IOException when the folder cannot be listed
     */
    public List<Bundle> installFolder(Path pluginsDir) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(pluginsDir, "*.jar")) {
            for (Path p : dir) {
                if (Files.isRegularFile(p)) {
                    jars.add(p);
                }
            }
        }
        jars.sort(null);
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            try {
                installed.add(installOnly(jar));
            } catch (BundleException | IOException e) {
                String problem = pluginsDir.relativize(jar) + " in " + pluginsDir + " was skipped: " + e.getMessage();
                synchronized (installProblems) {
                    installProblems.put(location(jar), problem);
                }
                LOG.warn(problem);
            }
        }
        for (Bundle b : installed) {
            startRecordingFailure(b);
        }
        return List.copyOf(installed);
    }

    /**
     * Installs one bundle and starts it. If it is already installed from the same location, the
     * installed bundle is returned. A bundle that does not resolve is returned installed but not
     * started, with the reason in {@link #startFailure(Bundle)}.
     *
     * @throws BundleException when {@code jar} is not a bundle or the framework rejects it
     * @throws IOException     when {@code jar} cannot be read
     */
    public Bundle install(Path jar) throws BundleException, IOException {
        Bundle bundle = installOnly(jar);
        startRecordingFailure(bundle);
        return bundle;
    }

    private Bundle installOnly(Path jar) throws BundleException, IOException {
        checkBundle(jar);
        String location = location(jar);
        Bundle bundle;
        try (InputStream in = Files.newInputStream(jar)) {
            bundle = context().installBundle(location, in);
        }
        synchronized (installProblems) {
            installProblems.remove(location);
        }
        LOG.debug("installed bundle {}: {} {} from {}", bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion(), location);
        return bundle;
    }

    /**
     * Replaces the content of {@code bundle} with {@code newJar} ({@link Bundle#update(InputStream)},
     * the location stays the same), refreshes it so that no bundle keeps using the old revision,
     * and starts it again. Returns when the refresh has finished.
     *
     * @throws BundleException when {@code newJar} is not a bundle, the update is rejected, or the
     *                         refresh does not finish within {@link #TIMEOUT}
     * @throws IOException     when {@code newJar} cannot be read
     */
    public void update(Bundle bundle, Path newJar) throws BundleException, IOException {
        checkBundle(newJar);
        try (InputStream in = Files.newInputStream(newJar)) {
            bundle.update(in);
        }
        startFailures.remove(bundle.getBundleId());
        refresh(List.of(bundle));
        if (bundle.getState() != Bundle.ACTIVE) {
            startRecordingFailure(bundle);
        }
        LOG.info("updated bundle {} ({}) to {} {} from {}", bundle.getBundleId(), bundle.getLocation(),
            bundle.getSymbolicName(), bundle.getVersion(), newJar);
    }

    /**
     * Uninstalls {@code bundle} and refreshes it away. Returns when the refresh has finished.
     *
     * @throws BundleException when the framework rejects the uninstall or the refresh does not
     *                         finish within {@link #TIMEOUT}
     */
    public void uninstall(Bundle bundle) throws BundleException {
        String name = bundle.getSymbolicName() + " " + bundle.getVersion();
        bundle.uninstall();
        startFailures.remove(bundle.getBundleId());
        refresh(List.of(bundle));
        LOG.info("uninstalled bundle {}: {} ({})", bundle.getBundleId(), name, bundle.getLocation());
    }

    /**
     * Refreshes {@code bundles} and everything wired to them ({@link FrameworkWiring#refreshBundles})
     * and waits until the framework reports the refresh as finished.
     *
     * @throws BundleException when the refresh does not finish within {@link #TIMEOUT} or the
     *                         waiting thread is interrupted (its interrupt status is restored)
     */
    public void refresh(Collection<Bundle> bundles) throws BundleException {
        CountDownLatch done = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        try {
            if (!done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BundleException("refreshing " + names(bundles) + " did not finish within " + TIMEOUT.toSeconds() + " s",
                    BundleException.STATECHANGE_ERROR);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while refreshing " + names(bundles), BundleException.STATECHANGE_ERROR, e);
        }
    }

    /** The installed bundles, without the system bundle, by bundle id. Empty once closed. */
    public List<Bundle> bundles() {
        if (!isRunning()) {
            return List.of();
        }
        return Arrays.stream(context().getBundles()).filter(b -> b.getBundleId() != 0).toList();
    }

    /**
     * Jars of a plugins folder that were skipped (not a bundle, unreadable, rejected by the
     * framework), one line each naming the file and the reason.
     */
    public List<String> problems() {
        synchronized (installProblems) {
            return List.copyOf(installProblems.values());
        }
    }

    /**
     * Why {@code bundle} could not be started or resolved the last time the runtime tried, with
     * the framework's message (for an unresolved bundle: the missing requirement); empty when it
     * started or was never tried.
     */
    public Optional<String> startFailure(Bundle bundle) {
        return Optional.ofNullable(startFailures.get(bundle.getBundleId()));
    }

    /**
     * Stops the framework and waits for it to stop (at most {@link #TIMEOUT}), then deletes the
     * storage directory if this runtime created it. Idempotent; failures are logged, not thrown.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            framework.stop();
            FrameworkEvent stopped = framework.waitForStop(TIMEOUT.toMillis());
            if (stopped.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("the OSGi framework did not stop within {} s", TIMEOUT.toSeconds());
            } else {
                LOG.debug("stopped OSGi framework");
            }
        } catch (BundleException e) {
            LOG.warn("stopping the OSGi framework failed: {}", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while waiting for the OSGi framework to stop");
        }
        if (ownsStorage) {
            try {
                deleteRecursively(storage);
            } catch (UncheckedIOException e) {
                LOG.warn("could not delete the OSGi storage {}: {}", storage, e.getCause().getMessage());
            }
        }
    }

    private void startRecordingFailure(Bundle bundle) {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null || bundle.getState() == Bundle.UNINSTALLED) {
            return;
        }
        try {
            bundle.start();
            startFailures.remove(bundle.getBundleId());
        } catch (BundleException | IllegalStateException e) {
            String problem = describe(e);
            startFailures.put(bundle.getBundleId(), problem);
            LOG.warn("bundle {}: {} {} ({}) did not start: {}", bundle.getBundleId(), bundle.getSymbolicName(),
                bundle.getVersion(), bundle.getLocation(), problem);
        }
    }

    private void frameworkEvent(FrameworkEvent event) {
        Bundle bundle = event.getBundle();
        String source = bundle == null || bundle.getBundleId() == 0 ? "framework"
            : "bundle " + bundle.getBundleId() + " (" + bundle.getSymbolicName() + " " + bundle.getVersion() + ")";
        Throwable error = event.getThrowable();
        switch (event.getType()) {
            case FrameworkEvent.ERROR -> {
                if (bundle != null && bundle.getBundleId() != 0 && error != null) {
                    startFailures.put(bundle.getBundleId(), describe(error));
                }
                LOG.error("OSGi {}: {}", source, error == null ? "error" : describe(error), error);
            }
            case FrameworkEvent.WARNING -> LOG.warn("OSGi {}: {}", source, error == null ? "warning" : describe(error));
            case FrameworkEvent.INFO -> LOG.info("OSGi {}: {}", source, error == null ? "info" : describe(error));
            default -> LOG.trace("OSGi framework event {} from {}", event.getType(), source);
        }
    }

    /** Synchronous, so a failure recorded after a bundle resolved is never removed by a late event. */
    private SynchronousBundleListener bundleListener() {
        return event -> {
            if (event.getType() == BundleEvent.UNINSTALLED || event.getType() == BundleEvent.RESOLVED) {
                startFailures.remove(event.getBundle().getBundleId());
            }
        };
    }

    private static void checkBundle(Path jar) throws BundleException, IOException {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (ZipException e) {
            throw new BundleException(jar + " is not a jar file (" + e.getMessage() + ")", BundleException.READ_ERROR, e);
        }
        if (manifest == null || manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) == null) {
            throw new BundleException(jar + " is not an OSGi bundle: its manifest has no " + Constants.BUNDLE_SYMBOLICNAME,
                BundleException.MANIFEST_ERROR);
        }
    }

    private static String location(Path jar) {
        return jar.toAbsolutePath().normalize().toUri().toString();
    }

    private static String names(Collection<Bundle> bundles) {
        return bundles.stream().map(b -> b.getBundleId() + " (" + b.getSymbolicName() + ")").toList().toString();
    }

    /**
     * The message of {@code e} and of its causes on one line, each cause with its type; the
     * top-level type is left out for a {@link BundleException}, whose message says it all.
     */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            if (t == e && t instanceof BundleException && !message.isEmpty()) {
                sb.append(message);
                continue;
            }
            if (t != e) {
                sb.append("; caused by ");
            }
            sb.append(t.getClass().getSimpleName());
            if (!message.isEmpty()) {
                sb.append(": ").append(message);
            }
        }
        return sb.toString();
    }

    private static void deleteRecursively(Path dir) {
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
