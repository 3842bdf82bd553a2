package org.atomstack.assembly.internal.cli;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Dataset;
import org.atomstack.assembly.internal.run.ConsoleProgress;
import org.atomstack.assembly.internal.run.ErrorMetrics;
import org.atomstack.assembly.internal.run.FitRunner;
import org.atomstack.assembly.internal.stack.StackFiles;
import org.atomstack.assembly.internal.stack.StackSpec;
import org.atomstack.assembly.io.DataFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atomstack fit --stack STACK.yaml --train FILE [--test FILE] --out DIR}. */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "Train a stack on a training set, evaluate it on the training and test sets, and write DIR/metrics.json "
        + "(energy MAE/RMSE in meV/atom, force MAE/RMSE in eV/Å, stress in GPa, basis size, parameter count, wall seconds) "
        + "and the saved model DIR/model/. Both are written atomically.")
public final class FitCommand implements Callable<Integer> {
    private final Provider<PluginRegistry> registry;

    @Mixin
    GlobalOptions global;

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--stack", required = true, paramLabel = "STACK.yaml", description = "The stack file.")
    Path stack;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training data (.xyz/.extxyz or mlearn .json).")
    Path train;

    @Option(names = "--test", paramLabel = "FILE", description = "Test data, evaluated after training.")
    Path test;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--wall-seconds", paramLabel = "S", description = "Ask training to stop S seconds after the fit started; iterative models "
        + "(hipnn) keep their best parameters so far and the fit is evaluated and saved as usual. Default: no limit.")
    double wallSeconds;

    /** @param registry the plugin registry */
    @Inject
    public FitCommand(Provider<PluginRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StackSpec s = StackFiles.read(stack);
        Dataset tr = DataFiles.read(train);
        Dataset te = test == null ? null : DataFiles.read(test);
        Backend backend = backendOptions.open(err);
        FitRunner.Outcome outcome;
        try (ConsoleProgress progress = new ConsoleProgress(err)) {
            outcome = new FitRunner(registry.get(), backend).fit(s, tr, te, out, true, progress, wallSeconds);
        }
        Map<String, Object> m = outcome.metrics();
        Object basis = m.get("basis_size");
        o.printf(Locale.ROOT, "%s: %s%d parameters, fit %.1f s%n", s.name(), basis == null ? "" : "basis " + basis + ", ",
            outcome.model().parameterCount(), (Double) m.get("fit_seconds"));
        print(o, "train", (ErrorMetrics) m.get("train"));
        if (m.get("test") != null) {
            print(o, "test", (ErrorMetrics) m.get("test"));
            @SuppressWarnings("unchecked")
            Map<String, ErrorMetrics> groups = (Map<String, ErrorMetrics>) m.get("test_by_config_type");
            if (groups != null) {
                EvalCommand.printByConfigType(o, groups);
            }
        }
        o.println("wrote " + out.resolve("metrics.json") + " and " + out.resolve("model"));
        o.flush();
        return 0;
    }

    static void print(PrintWriter o, String what, ErrorMetrics e) {
        o.printf(Locale.ROOT, "  %-5s energy MAE %.3f meV/atom (RMSE %.3f)  force MAE %.4f eV/Å (RMSE %.4f)  stress MAE %.3f GPa  %.1f µs/atom%n",
            what, e.energyMaeMeVPerAtom(), e.energyRmseMeVPerAtom(), e.forceMae(), e.forceRmse(), e.stressMaeGPa(), e.microsecondsPerAtom());
    }
}
