package org.atomstack.assembly.internal.cli;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import org.atomstack.api.backend.Backend;
import org.atomstack.assembly.internal.wiring.BackendChooser;
import org.atomstack.assembly.internal.wiring.Lifecycle;
import picocli.CommandLine.Option;

/**
 * The {@code --backend auto|cpu|NAME} option of every command that computes. Opening the
 * backend prints which one runs and why (to standard error, so standard output stays data),
 * and registers it for closing when the command ends.
 */
public final class BackendOptions {
    private final Provider<BackendChooser> chooser;
    private final Lifecycle lifecycle;

    @Option(names = "--backend", paramLabel = "auto|cpu|NAME", defaultValue = "auto",
        description = "Compute backend: auto (the best available, accelerators first), cpu, or a backend plugin id. "
            + "Default ${DEFAULT-VALUE}.")
    String backend;

    /** @param chooser resolves the option against installed backends; @param lifecycle closes the backend */
    @Inject
    public BackendOptions(Provider<BackendChooser> chooser, Lifecycle lifecycle) {
        this.chooser = chooser;
        this.lifecycle = lifecycle;
    }

    /** Chooses and opens the backend, printing the choice and the reason to {@code err}. */
    public Backend open(PrintWriter err) {
        BackendChooser.Choice c = chooser.get().choose(backend);
        err.println("using " + c.reason());
        err.flush();
        return lifecycle.register(c.plugin().provider().open());
    }
}
