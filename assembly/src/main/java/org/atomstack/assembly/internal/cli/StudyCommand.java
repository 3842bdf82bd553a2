package org.atomstack.assembly.internal.cli;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.assembly.internal.study.StudyFiles;
import org.atomstack.assembly.internal.study.StudyReport;
import org.atomstack.assembly.internal.study.StudyRunner;
import org.atomstack.assembly.internal.study.StudySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atomstack study STUDY.yaml --out DIR} and {@code atomstack study report DIR}. */
@Command(name = "study", mixinStandardHelpOptions = true,
    description = "Run a controlled comparison: every stack × dataset × training-set size × repeat, on identical subsets. "
        + "Finished cells are kept, so an interrupted study resumes where it stopped; failed cells are recorded and retried "
        + "by the next run. Writes DIR/results.{csv,json,md} and DIR/plots/*.png.",
    subcommands = {StudyCommand.Report.class})
public final class StudyCommand implements Callable<Integer> {
    private final Provider<PluginRegistry> registry;

    @Mixin
    GlobalOptions global;

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY.yaml", arity = "0..1", description = "The study file.")
    Path study;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: the study name).")
    Path out;

    /** @param registry the plugin registry */
    @Inject
    public StudyCommand(Provider<PluginRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        if (study == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing STUDY.yaml (or use 'atomstack study report DIR')");
        }
        PrintWriter err = spec.commandLine().getErr();
        StudySpec s = StudyFiles.read(study);
        Path dir = out != null ? out : Path.of(s.name());
        Backend backend = backendOptions.open(err);
        StudyRunner.Summary summary = new StudyRunner(registry.get(), backend).run(s, dir, err);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("study %s: %d cells (%d finished earlier, %d now, %d failed); results in %s%n", s.name(), summary.total(), summary.skipped(),
            summary.finished(), summary.failed().size(), dir.resolve("results.md"));
        for (String f : summary.failed()) {
            o.println("  failed: " + f);
        }
        o.flush();
        return summary.failed().isEmpty() ? 0 : 1;
    }

    /** {@code atomstack study report DIR}: rebuild the table and plots from finished cells. */
    @Command(name = "report", mixinStandardHelpOptions = true, description = "Rebuild results.{csv,json,md} and plots from the finished cells of DIR.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "A study output directory.")
        Path dir;

        @Override
        public Integer call() throws Exception {
            List<StudyReport.Row> rows = StudyReport.write(dir);
            spec.commandLine().getOut().printf("%d rows; wrote %s, %s, %s and %s%n", rows.size(), dir.resolve("results.csv"),
                dir.resolve("results.json"), dir.resolve("results.md"), dir.resolve("plots"));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
