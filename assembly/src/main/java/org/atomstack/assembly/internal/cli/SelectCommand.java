package org.atomstack.assembly.internal.cli;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Elements;
import org.atomstack.assembly.internal.run.FitRunner;
import org.atomstack.assembly.internal.stack.SelectionFiles;
import org.atomstack.assembly.internal.stack.StackAssembler;
import org.atomstack.assembly.internal.stack.StackException;
import org.atomstack.assembly.internal.stack.StackFiles;
import org.atomstack.assembly.internal.stack.StackSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atomstack select --stack STACK.yaml [--species Mo,...] --out FILE.json}. */
@Command(name = "select", mixinStandardHelpOptions = true,
    description = "Build a stack's descriptor, run its selector stage on the descriptor's basis and write the selection "
        + "(which functions are kept, per-sample ranks, tolerance, seed) with a summary of the descriptor and selector to "
        + "FILE.json, atomically. A stack can then load it with 'selector: {plugin: ID, file: FILE.json}'.")
public final class SelectCommand implements Callable<Integer> {
    private final Provider<PluginRegistry> registry;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--stack", required = true, paramLabel = "STACK.yaml", description = "The stack file; it needs a descriptor and a selector stage.")
    Path stack;

    @Option(names = "--species", split = ",", paramLabel = "Mo,...",
        description = "Species the descriptor is built for (symbols or atomic numbers); default: the descriptor stage's 'species' parameter.")
    List<String> species;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where to write the selection.")
    Path out;

    /** @param registry the plugin registry */
    @Inject
    public SelectCommand(Provider<PluginRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        StackSpec s = StackFiles.read(stack);
        int[] z = species(s);
        long t0 = System.nanoTime();
        StackAssembler.Selection sel = new StackAssembler(registry.get()).select(s, z);
        double seconds = (System.nanoTime() - t0) / 1e9;
        FitRunner.writeJson(out, SelectionFiles.document(s, sel, seconds));
        PrintWriter o = spec.commandLine().getOut();
        int[] ranks = sel.selection().sampleRanks();
        o.printf(Locale.ROOT, "%s: %s kept %d of %d functions of descriptor '%s' (%s primitives; sample ranks %s) in %.2f s%n", s.name(),
            sel.file().map(f -> "selection file " + f).orElse("selector '" + s.selector().get().plugin() + "'"), sel.selection().size(),
            sel.selection().basisSize(), sel.descriptorPlugin().id(),
            sel.descriptor().selectable().map(b -> String.valueOf(b.primitiveCount())).orElse("?"),
            ranks.length == 0 ? "-" : Arrays.stream(ranks).min().getAsInt() + ".." + Arrays.stream(ranks).max().getAsInt(), seconds);
        o.println("wrote " + out);
        o.flush();
        return 0;
    }

    /** The --species option, or the descriptor stage's 'species' parameter. */
    private int[] species(StackSpec s) {
        List<String> names = species;
        String where = "--species";
        if (names == null || names.isEmpty()) {
            Object p = s.descriptor().map(d -> d.parameters().raw("species")).orElse(null);
            where = "stack " + s.source() + ": descriptor.species";
            if (p instanceof List<?> l) {
                names = l.stream().map(String::valueOf).toList();
            } else if (p != null) {
                names = List.of(String.valueOf(p).split(","));
            } else {
                throw new StackException("select: give --species (the stack's descriptor stage does not name its species)");
            }
        }
        List<Integer> z = new ArrayList<>();
        for (String n : names) {
            String t = n.strip();
            try {
                z.add(t.matches("[0-9]+") ? Integer.parseInt(t) : Elements.atomicNumber(t));
            } catch (IllegalArgumentException e) {
                throw new StackException(where + ": '" + t + "' is not an element symbol or atomic number");
            }
        }
        return z.stream().mapToInt(Integer::intValue).toArray();
    }
}
