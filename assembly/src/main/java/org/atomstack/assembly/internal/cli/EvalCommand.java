package org.atomstack.assembly.internal.cli;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Dataset;
import org.atomstack.assembly.internal.run.Evaluator;
import org.atomstack.assembly.internal.run.FitRunner;
import org.atomstack.assembly.internal.run.ModelStore;
import org.atomstack.assembly.io.DataFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atomstack eval --model DIR --data FILE [--predictions OUT.xyz] [--metrics OUT.json]}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a saved model on a data file: errors against its labels, and optionally the predicted "
        + "energies, forces and stresses as extended XYZ.")
public final class EvalCommand implements Callable<Integer> {
    private final Provider<PluginRegistry> registry;

    @Mixin
    GlobalOptions global;

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory written by 'atomstack fit' (DIR/model).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Data to evaluate.")
    Path data;

    @Option(names = "--predictions", paramLabel = "OUT.xyz", description = "Write per-structure predictions as extended XYZ.")
    Path predictions;

    @Option(names = "--metrics", paramLabel = "OUT.json", description = "Write the metrics as JSON.")
    Path metrics;

    /** @param registry the plugin registry */
    @Inject
    public EvalCommand(Provider<PluginRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Backend backend = backendOptions.open(spec.commandLine().getErr());
        Path dir = model.resolve("manifest.json").toFile().exists() ? model : model.resolve("model");
        ModelStore.Loaded loaded = ModelStore.load(dir, registry.get(), backend);
        Dataset d = DataFiles.read(data);
        Evaluator.Result r = Evaluator.evaluate(loaded.model(), d);
        o.println(d.name() + ": " + r.metrics().structures() + " structures, " + r.metrics().atoms() + " atoms");
        FitCommand.print(o, "eval", r.metrics());
        if (predictions != null) {
            DataFiles.writeExtendedXyz(r.predicted(), predictions);
            o.println("wrote predictions to " + predictions);
        }
        if (metrics != null) {
            FitRunner.writeJson(metrics, r.metrics());
            o.println("wrote metrics to " + metrics);
        }
        o.flush();
        return 0;
    }
}
