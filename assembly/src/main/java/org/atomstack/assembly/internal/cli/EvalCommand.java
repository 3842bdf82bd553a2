package org.atomstack.assembly.internal.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Dataset;
import org.atomstack.assembly.internal.io.AtomicFiles;
import org.atomstack.assembly.internal.run.ErrorMetrics;
import org.atomstack.assembly.internal.run.Evaluator;
import org.atomstack.assembly.internal.run.FitRunner;
import org.atomstack.assembly.internal.run.ModelStore;
import org.atomstack.assembly.io.DataFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code atomstack eval --model DIR --data FILE [--predictions OUT.xyz] [--metrics OUT.json] [--per-structure OUT.csv]}:
 * errors over the whole file and per config type, the structures with the largest errors, and optionally
 * the predictions, the metrics and every structure's errors as files.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a saved model on a data file: errors against its labels, overall and per config type, "
        + "and optionally the predicted energies, forces and stresses as extended XYZ and each structure's errors as CSV.")
public final class EvalCommand implements Callable<Integer> {
    /** Quotes a CSV field only where it needs quotes. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

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

    @Option(names = "--per-structure", paramLabel = "OUT.csv",
        description = "Write each structure's errors as CSV: index, name, config type, atoms, signed energy error (meV/atom), "
            + "force MAE and largest force-component error (eV/Å).")
    Path perStructure;

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
        printByConfigType(o, r.byConfigType());
        printLargest(o, r.perStructure());
        if (predictions != null) {
            DataFiles.writeExtendedXyz(r.predicted(), predictions);
            o.println("wrote predictions to " + predictions);
        }
        if (metrics != null) {
            FitRunner.writeJson(metrics, r.metrics());
            o.println("wrote metrics to " + metrics);
        }
        if (perStructure != null) {
            writePerStructure(perStructure, r.perStructure());
            o.println("wrote per-structure errors to " + perStructure);
        }
        o.flush();
        return 0;
    }

    /** The error table per config type, when the data names any. */
    static void printByConfigType(PrintWriter o, Map<String, ErrorMetrics> groups) {
        if (groups.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        groups.forEach((type, e) -> rows.add(List.of(type, Integer.toString(e.structures()), Long.toString(e.atoms()),
            String.format(Locale.ROOT, "%.3f", e.energyMaeMeVPerAtom()), String.format(Locale.ROOT, "%.3f", e.energyRmseMeVPerAtom()),
            String.format(Locale.ROOT, "%.4f", e.forceMae()), String.format(Locale.ROOT, "%.4f", e.forceRmse()))));
        o.println("by config type:");
        Table.print(o, List.of("config type", "structures", "atoms", "energy MAE meV/atom", "energy RMSE", "force MAE eV/Å", "force RMSE"), rows);
    }

    /** The structures with the largest energy error and the largest force MAE. */
    static void printLargest(PrintWriter o, List<Evaluator.StructureError> errors) {
        errors.stream().filter(e -> !Double.isNaN(e.energyErrorMeVPerAtom()))
            .max(Comparator.comparingDouble(e -> Math.abs(e.energyErrorMeVPerAtom())))
            .ifPresent(e -> o.printf(Locale.ROOT, "largest energy error: %+.3f meV/atom in structure %d '%s' (%s, %d atoms)%n",
                e.energyErrorMeVPerAtom(), e.index(), e.name(), e.configType(), e.atoms()));
        errors.stream().filter(e -> !Double.isNaN(e.forceMae()))
            .max(Comparator.comparingDouble(Evaluator.StructureError::forceMae))
            .ifPresent(e -> o.printf(Locale.ROOT, "largest force MAE: %.4f eV/Å in structure %d '%s' (%s, %d atoms)%n",
                e.forceMae(), e.index(), e.name(), e.configType(), e.atoms()));
    }

    private static void writePerStructure(Path file, List<Evaluator.StructureError> errors) throws IOException {
        CsvSchema schema = CsvSchema.builder().setUseHeader(true)
            .addColumn("index").addColumn("name").addColumn("config_type").addColumn("atoms")
            .addColumn("energy_error_meV_per_atom").addColumn("force_mae_eV_per_A").addColumn("force_max_error_eV_per_A")
            .build();
        AtomicFiles.write(file, w -> {
            try (SequenceWriter rows = CSV.writer(schema).writeValues(w)) {
                for (Evaluator.StructureError e : errors) {
                    rows.write(new Object[] {e.index(), e.name(), e.configType(), e.atoms(), e.energyErrorMeVPerAtom(), e.forceMae(),
                        e.forceMaxError()});
                }
            }
        });
    }
}
