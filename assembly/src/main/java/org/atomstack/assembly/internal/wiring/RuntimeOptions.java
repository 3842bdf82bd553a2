package org.atomstack.assembly.internal.wiring;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the application loads plugins: the runtime and, for OSGi, the folder of plugin bundles.
 * Filled in by the CLI's global options before anything asks for the registry.
 */
public final class RuntimeOptions {
    private Runtime runtime = Runtime.SERVICELOADER;
    private Path pluginsDir;

    /** The runtime. */
    public synchronized Runtime runtime() {
        return runtime;
    }

    /** Sets the runtime. */
    public synchronized void runtime(Runtime r) {
        this.runtime = Objects.requireNonNull(r);
    }

    /** The plugins folder for OSGi; null means the distribution's {@code plugins/} folder. */
    public synchronized Path pluginsDir() {
        return pluginsDir;
    }

    /** Sets the plugins folder. */
    public synchronized void pluginsDir(Path dir) {
        this.pluginsDir = dir;
    }
}
