package org.atomstack.assembly.internal.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import org.atomstack.assembly.internal.wiring.Runtime;
import org.atomstack.assembly.internal.wiring.RuntimeOptions;
import picocli.CommandLine.Option;

/** Options accepted by every command: plugin runtime and plugins folder. */
public final class GlobalOptions {
    private final RuntimeOptions options;

    /** @param options the shared runtime options these flags write to */
    @Inject
    public GlobalOptions(RuntimeOptions options) {
        this.options = options;
    }

    @Option(names = "--runtime", paramLabel = "serviceloader|osgi",
        description = "Plugin runtime: serviceloader (module path / class path, default) or osgi (embedded Apache Felix).")
    void runtime(String value) {
        try {
            options.runtime(Runtime.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a runtime; use serviceloader or osgi");
        }
    }

    @Option(names = "--plugins-dir", paramLabel = "DIR",
        description = "Folder of plugin bundles for --runtime osgi (default: the distribution's plugins/).")
    void pluginsDir(Path dir) {
        options.pluginsDir(dir);
    }
}
