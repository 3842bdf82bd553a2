package org.atomstack.assembly.internal.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Elements;
import org.atomstack.assembly.internal.io.AtomicFiles;
import org.atomstack.assembly.internal.stack.AssembledStack;
import org.atomstack.assembly.internal.stack.StackAssembler;
import org.atomstack.assembly.internal.stack.StackException;
import org.atomstack.assembly.internal.stack.StackSpec;

/**
 * One fit: assemble the stack for the species of the data, train on the training set, evaluate
 * train and test sets, save the model and write {@code metrics.json} — both atomically — into
 * the output directory. Used by {@code atomstack fit} and by the study runner.
 */
public final class FitRunner {
    private final PluginRegistry registry;
    private final Backend backend;

    /** @param registry plugins; @param backend the compute backend (may be null for host-only stacks) */
    public FitRunner(PluginRegistry registry, Backend backend) {
        this.registry = registry;
        this.backend = backend;
    }

    /**
     * The outcome of a fit.
     *
     * @param model   the trained model
     * @param metrics the metrics document written to metrics.json
     */
    public record Outcome(Model model, Map<String, Object> metrics) {
    }

    /**
     * Runs a fit.
     *
     * @param test       test set, may be null
     * @param out        output directory (created); receives {@code model/} and {@code metrics.json}
     * @param saveModel  whether to write the model directory
     */
    public Outcome fit(StackSpec spec, Dataset train, Dataset test, Path out, boolean saveModel, TrainingListener listener) throws IOException {
        return fit(spec, train, test, out, saveModel, listener, 0);
    }

    /**
     * Runs a fit whose training is asked to stop after {@code wallSeconds} (≤ 0: no limit); a
     * model that honours {@link TrainingListener#stopRequested()} keeps what it has learned so far.
     * metrics.json records under {@code "training"} whether the limit stopped training and the last
     * value of every metric the trainer reported (epochs, losses, throughput).
     */
    public Outcome fit(StackSpec spec, Dataset train, Dataset test, Path out, boolean saveModel, TrainingListener next,
                       double wallSeconds) throws IOException {
        TrainingRecord listener = new TrainingRecord(next, wallSeconds);
        if (train.isEmpty()) {
            throw new StackException("training set " + train.name() + " has no structures");
        }
        int[] species = train.species();
        if (test != null) {
            TreeSet<Integer> missing = new TreeSet<>();
            for (int z : test.species()) {
                if (Arrays.binarySearch(species, z) < 0) {
                    missing.add(z);
                }
            }
            if (!missing.isEmpty()) {
                throw new StackException("test set " + test.name() + " contains species " + missing.stream().map(Elements::symbol).toList()
                    + " absent from training set " + train.name());
            }
        }
        AssembledStack stack = new StackAssembler(registry).assemble(spec, species, backend);
        long t0 = System.nanoTime();
        Model model;
        try {
            model = stack.trainer().train(train, Dataset.of("validation", java.util.List.of()), listener);
        } catch (RuntimeException e) {
            throw new StackException("stack " + spec.source() + ": model '" + spec.model().plugin() + "': training on " + train.name()
                + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        listener.message(String.format(java.util.Locale.ROOT, "trained %s in %.1f s", spec.name(), fitSeconds));
        Evaluator.Result trainEval = Evaluator.evaluate(model, train);
        Evaluator.Result testEval = test == null ? null : Evaluator.evaluate(model, test);

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("stack", spec.name());
        metrics.put("stack_file", spec.source().toString());
        metrics.put("descriptor", stack.descriptorPlugin().map(p -> p.id() + "@" + p.version()).orElse(null));
        metrics.put("model", stack.model().info().id() + "@" + stack.model().info().version());
        metrics.put("backend", backend == null ? null : backend.id());
        metrics.put("species", Arrays.stream(species).mapToObj(Elements::symbol).toList());
        metrics.put("basis_size", stack.descriptor().map(d -> d.size()).orElse(null));
        metrics.put("full_basis_size", stack.selection().map(s -> s.basisSize()).orElse(null));
        metrics.put("parameter_count", model.parameterCount());
        metrics.put("fit_seconds", fitSeconds);
        metrics.put("training", listener.summary());
        metrics.put("train_file", train.name());
        metrics.put("train", trainEval.metrics());
        if (testEval != null) {
            metrics.put("test_file", test.name());
            metrics.put("test", testEval.metrics());
            if (!testEval.byConfigType().isEmpty()) {
                metrics.put("test_by_config_type", testEval.byConfigType());
            }
        }
        Files.createDirectories(out);
        if (saveModel) {
            ModelStore.save(model, stack, out.resolve("model"));
        }
        writeJson(out.resolve("metrics.json"), metrics);
        return new Outcome(model, metrics);
    }

    /** Writes a JSON document atomically. */
    public static void writeJson(Path file, Object doc) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(file, w -> json.writeValue(w, doc));
    }
}
