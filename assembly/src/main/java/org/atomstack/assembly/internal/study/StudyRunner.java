package org.atomstack.assembly.internal.study;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Structure;
import org.atomstack.assembly.internal.io.AtomicFiles;
import org.atomstack.assembly.internal.run.Evaluator;
import org.atomstack.assembly.internal.run.FitRunner;
import org.atomstack.assembly.internal.stack.StackSpec;
import org.atomstack.assembly.internal.stack.StageSpec;
import org.atomstack.assembly.io.DataFiles;

/**
 * Runs every cell (stack × dataset × size × repeat) of a study into an output directory.
 *
 * <p>Control: for a given (dataset, size, repeat) every stack trains on the same structures,
 * chosen with a seed derived only from the study seed, the dataset name, the size and the
 * repeat; the held-out test set of a dataset is the same for all cells. Each cell writes its
 * training subset ({@code subset.json}) and finally {@code metrics.json}, atomically; a cell with
 * {@code metrics.json} is finished and is never run again, so an interrupted study resumes where
 * it stopped. A failing cell writes {@code error.json} with its cause and the study goes on
 * (failed cells are retried by the next run; a cell run again first clears the temporary files
 * that a killed run's atomic writes left in its folder). Cells run in parallel on
 * {@code parallel} threads.
 */
public final class StudyRunner {
    private final PluginRegistry registry;
    private final Backend backend;

    /** @param registry plugins; @param backend compute backend (may be null) */
    public StudyRunner(PluginRegistry registry, Backend backend) {
        this.registry = registry;
        this.backend = backend;
    }

    /**
     * One cell.
     *
     * @param stack   the stack
     * @param dataset the dataset
     * @param count   training structures
     * @param repeat  repeat index (0-based)
     */
    public record Cell(StackSpec stack, StudySpec.DatasetSpec dataset, int count, int repeat) {
        /** "stack/dataset/nCOUNT/rREPEAT", also the cell's directory below {@code cells/}. */
        public String id() {
            return stack.name() + "/" + dataset.name() + "/n" + count + "/r" + repeat;
        }

        /** The cell's directory. */
        public Path dir(Path out) {
            return out.resolve("cells").resolve(stack.name()).resolve(dataset.name()).resolve("n" + count).resolve("r" + repeat);
        }
    }

    /**
     * What a run did.
     *
     * @param total    cells in the study
     * @param skipped  cells already finished before this run
     * @param finished cells finished by this run
     * @param failed   cells that failed in this run (ids and causes)
     */
    public record Summary(int total, int skipped, int finished, List<String> failed) {
    }

    /** The training and test sets of one dataset. */
    record Data(Dataset train, Dataset test) {
    }

    /**
     * Runs the study.
     *
     * @param err progress and failure messages
     */
    public Summary run(StudySpec study, Path out, PrintWriter err) throws IOException, InterruptedException {
        checkPlugins(study);
        Files.createDirectories(out);
        StudyReport.writeStudyInfo(study, out);
        Map<String, Data> data = new LinkedHashMap<>();
        for (StudySpec.DatasetSpec d : study.datasets()) {
            data.put(d.name(), load(study, d));
        }
        List<Cell> cells = cells(study, data);
        List<Cell> todo = new ArrayList<>();
        for (Cell c : cells) {
            if (!Files.exists(c.dir(out).resolve("metrics.json"))) {
                todo.add(c);
            }
        }
        int skipped = cells.size() - todo.size();
        err.printf(Locale.ROOT, "study %s: %d cells, %d already finished, %d to run on %d threads%n", study.name(), cells.size(), skipped,
            todo.size(), study.parallel());
        err.flush();
        AtomicInteger done = new AtomicInteger();
        me.tongfei.progressbar.ProgressBar bar = System.console() == null || todo.isEmpty() ? null
            : new me.tongfei.progressbar.ProgressBarBuilder().setTaskName(study.name()).setInitialMax(todo.size())
                .setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII).build();
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(study.parallel());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Cell c : todo) {
                futures.add(pool.submit(() -> {
                    String problem = runCell(study, c, data.get(c.dataset().name()), out);
                    if (problem != null) {
                        failed.add(c.id() + ": " + problem);
                    }
                    int k = done.incrementAndGet();
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    double eta = elapsed / k * (todo.size() - k);
                    synchronized (err) {
                        if (bar != null) {
                            bar.stepTo(k);
                            bar.setExtraMessage(c.id());
                        }
                        if (bar == null || problem != null) {
                            err.printf(Locale.ROOT, "[%d/%d] %s %s (elapsed %s, ETA %s)%n", k, todo.size(), c.id(),
                                problem == null ? "done" : "FAILED: " + problem, clock(elapsed), clock(eta));
                            err.flush();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("study runner task failed unexpectedly", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            if (bar != null) {
                bar.close();
            }
        }
        StudyReport.write(out);
        return new Summary(cells.size(), skipped, todo.size() - failed.size(), List.copyOf(failed));
    }

    /** Fails fast, naming the study and stack, when a stage names a plugin that is not installed. */
    private void checkPlugins(StudySpec study) {
        for (StackSpec s : study.stacks()) {
            try {
                s.descriptor().ifPresent(st -> registry.find(org.atomstack.api.descriptor.DescriptorProvider.class, st.plugin(), st.version()));
                s.selector().ifPresent(st -> registry.find(org.atomstack.api.selection.SelectorProvider.class, st.plugin(), st.version()));
                registry.find(org.atomstack.api.model.ModelProvider.class, s.model().plugin(), s.model().version());
            } catch (RuntimeException e) {
                throw new StudyException("study " + study.source() + ": stack '" + s.name() + "' (" + s.source() + "): " + e.getMessage(), e);
            }
        }
    }

    /** All cells in a fixed order: dataset, size, repeat, stack. */
    static List<Cell> cells(StudySpec study, Map<String, Data> data) {
        List<Cell> cells = new ArrayList<>();
        for (StudySpec.DatasetSpec d : study.datasets()) {
            int n = data.get(d.name()).train().size();
            for (double size : study.sizes()) {
                int count = size <= 1 ? (int) Math.max(1, Math.round(size * n)) : (int) Math.min(n, Math.round(size));
                for (int r = 0; r < study.repeats(); r++) {
                    for (StackSpec s : study.stacks()) {
                        cells.add(new Cell(s, d, count, r));
                    }
                }
            }
        }
        return cells;
    }

    /** Seed of the training subset of (dataset, size, repeat): independent of the stack. */
    static long subsetSeed(long studySeed, String dataset, int count, int repeat) {
        long h = studySeed * 0x9E3779B97F4A7C15L;
        h ^= dataset.hashCode() * 0xC2B2AE3D27D4EB4FL;
        h ^= (long) count * 0x165667B19E3779F9L;
        h ^= (long) repeat * 0x27D4EB2F165667C5L;
        return h ^ (h >>> 31);
    }

    private static Data load(StudySpec study, StudySpec.DatasetSpec d) throws IOException {
        Dataset train = DataFiles.read(d.train());
        if (d.test() != null) {
            return new Data(train, DataFiles.read(d.test()));
        }
        Dataset[] parts = train.split(1 - d.testFraction(), subsetSeed(study.seed(), d.name(), -1, -1));
        return new Data(parts[0], parts[1]);
    }

    /** Runs one cell; returns null on success or the cause of failure (also written to error.json). */
    private String runCell(StudySpec study, Cell c, Data data, Path out) {
        Path dir = c.dir(out);
        try {
            Files.createDirectories(dir);
            // a run killed in this cell may have left a temporary file of an atomic write
            AtomicFiles.removeLeftovers(dir);
            Files.deleteIfExists(dir.resolve("error.json"));
            Dataset train = c.count() >= data.train().size() ? data.train()
                : data.train().randomSubset(c.count(), subsetSeed(study.seed(), c.dataset().name(), c.count(), c.repeat()));
            List<String> names = new ArrayList<>();
            for (Structure s : train.structures()) {
                names.add(s.name());
            }
            Map<String, Object> subset = new LinkedHashMap<>();
            subset.put("dataset", c.dataset().name());
            subset.put("count", train.size());
            subset.put("repeat", c.repeat());
            subset.put("structures", names);
            FitRunner.writeJson(dir.resolve("subset.json"), subset);
            StackSpec spec = cellSpec(study, c);
            FitRunner.Outcome outcome = new FitRunner(registry, backend)
                .fit(spec, train, data.test(), dir, study.saveModels(), TrainingListener.NONE, study.wallSeconds());
            if (study.parity().contains(c.stack().name())) {
                StudyReport.writeParity(dir, data.test(), Evaluator.evaluate(outcome.model(), data.test()).predicted());
            }
            return null;
        } catch (Exception | LinkageError e) {
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("study", study.source().toString());
            error.put("cell", c.id());
            error.put("error", e.getClass().getName());
            error.put("message", cause);
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            error.put("trace", trace.toString());
            try {
                FitRunner.writeJson(dir.resolve("error.json"), error);
            } catch (IOException io) {
                cause += " (and error.json could not be written: " + io.getMessage() + ")";
            }
            return cause;
        }
    }

    /** The cell's stack: the model stage gets the study budget merged in, the seed depends on the repeat. */
    static StackSpec cellSpec(StudySpec study, Cell c) {
        StackSpec s = c.stack();
        StageSpec m = s.model();
        StageSpec model = m;
        if (!study.budget().isEmpty()) {
            Map<String, Object> params = new LinkedHashMap<>(m.parameters().asMap());
            params.putAll(study.budget());
            model = new StageSpec(m.plugin(), m.version(), org.atomstack.api.plugin.Parameters.of(m.parameters().path(), params));
        }
        return new StackSpec(s.name(), s.source(), s.seed() + 1000003L * c.repeat(), s.descriptor(), s.selector(), model, s.document());
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
