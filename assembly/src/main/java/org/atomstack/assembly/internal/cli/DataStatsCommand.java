package org.atomstack.assembly.internal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.atomstack.api.structure.Dataset;
import org.atomstack.assembly.internal.data.DataStatistics;
import org.atomstack.assembly.io.DataFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atomstack data stats FILE... [--cutoff R]}. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Structures, atoms, species, energy per atom range, force-norm quantiles and neighbours per atom.")
public final class DataStatsCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Data files (.xyz/.extxyz extended XYZ, .json mlearn).")
    List<Path> files;

    @Option(names = "--cutoff", paramLabel = "R", defaultValue = "5.0",
        description = "Cutoff in Å for neighbours per atom (default ${DEFAULT-VALUE}).")
    double cutoff;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--cutoff must be a positive number of Å, got " + cutoff);
        }
        List<DataStatistics> all = new ArrayList<>();
        Dataset total = null;
        for (Path f : files) {
            Dataset d = DataFiles.read(f);
            all.add(DataStatistics.of(d, cutoff));
            total = total == null ? d : total.concat("total", d);
        }
        if (files.size() > 1) {
            all.add(DataStatistics.of(total, cutoff));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(all));
        } else {
            for (DataStatistics s : all) {
                print(out, s);
            }
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, DataStatistics s) {
        out.println(s.name());
        out.printf(Locale.ROOT, "  structures            %d (%d periodic)%n", s.structures(), s.periodic());
        out.printf(Locale.ROOT, "  atoms                 %d%n", s.atoms());
        out.printf(Locale.ROOT, "  species               %s%n",
            s.species().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        if (s.energyPerAtom().length == 3) {
            out.printf(Locale.ROOT, "  energy per atom (eV)  min %.4f  mean %.4f  max %.4f  (%d labelled)%n",
                s.energyPerAtom()[0], s.energyPerAtom()[1], s.energyPerAtom()[2], s.energyLabelled());
        } else {
            out.println("  energy per atom       no energies");
        }
        if (s.forceNormQuantiles().length == 5) {
            double[] q = s.forceNormQuantiles();
            out.printf(Locale.ROOT, "  |force| (eV/Å)        min %.4f  5%% %.4f  median %.4f  95%% %.4f  max %.4f  (%d atoms)%n",
                q[0], q[1], q[2], q[3], q[4], s.forceLabelledAtoms());
        } else {
            out.println("  |force|               no forces");
        }
        out.printf(Locale.ROOT, "  stress                %d structures%n", s.stressLabelled());
        if (s.neighbors().length == 3) {
            out.printf(Locale.ROOT, "  neighbours per atom   mean %.2f  min %.0f  max %.0f  (cutoff %.2f Å)%n",
                s.neighbors()[1], s.neighbors()[0], s.neighbors()[2], s.cutoff());
        }
    }
}
