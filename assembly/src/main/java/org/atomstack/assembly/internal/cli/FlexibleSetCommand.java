package org.atomstack.assembly.internal.cli;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.api.selection.SelectorProvider;
import org.atomstack.api.stack.StackContext;
import org.atomstack.assembly.internal.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code atomstack flexible-set --lmax L --factors N --out FILE}: the flexible-set search of
 * Allen et al. (2025), Sec. II E 3–4, through the plugins: the {@code cartesian} descriptor with
 * one radial channel and the candidate set {@code all-l<L>-n<N>} (every connected multigraph with
 * at most N factors of order at most L, by number of factors, then degree) exposes its invariants
 * as functions of the (L+1)² irreducible coefficients (coefficient (l, m) at l² + l + m); the
 * {@code langbein} selector tests them in that order on random Gaussian coefficient vectors, also
 * with the coefficients of every single order (or of every proper subset of orders) set to zero,
 * takes the union and prunes it to an inclusion-minimal set. The set is written as an invariant-set
 * text file that the {@code cartesian} descriptor ({@code invariants:}) and the toolkit's
 * {@code InvariantSet.load} read.
 */
@Command(name = "flexible-set", mixinStandardHelpOptions = true,
    description = "Search a minimal flexible set of Cartesian tensor invariants (multigraphs) with the Langbein test: candidates are all "
        + "connected multigraphs with at most N factors of order at most L; a candidate is kept when it raises the Jacobian rank at a "
        + "random coefficient vector, also when one order (or a subset of orders) vanishes. Writes an invariant-set file (one index "
        + "string per line) with the ranks reached, atomically.")
public final class FlexibleSetCommand implements Callable<Integer> {
    /** Which orders are set to zero besides the full point. */
    enum Vanishing {
        /** Each single order l = 0..L in turn. */
        SINGLE,
        /** Each non-empty proper subset of the orders. */
        SUBSETS
    }

    private final Provider<PluginRegistry> registry;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--lmax", required = true, paramLabel = "L", description = "Largest tensor order l of a factor (0..8).")
    int lmax;

    @Option(names = "--factors", required = true, paramLabel = "N", description = "Largest number of factors n of an invariant (1..8).")
    int factors;

    @Option(names = "--vanishing", paramLabel = "single|subsets", defaultValue = "single",
        description = "Orders set to zero besides the full point: each single order (default), or every proper subset of orders.")
    String vanishing;

    @Option(names = "--samples", paramLabel = "S", defaultValue = "4", description = "Random coefficient vectors (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--tolerance", paramLabel = "TOL", defaultValue = "1e-8",
        description = "Rank tolerance of the langbein selector (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the random vectors (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-prune", description = "Keep the union of the Langbein selections instead of pruning it to an inclusion-minimal set.")
    boolean noPrune;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the invariant set.")
    Path out;

    /** @param registry the plugin registry */
    @Inject
    public FlexibleSetCommand(Provider<PluginRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        if (lmax < 0 || lmax > 8) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--lmax must be in 0..8, got " + lmax);
        }
        if (factors < 1 || factors > 8) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--factors must be in 1..8, got " + factors);
        }
        Vanishing mode;
        try {
            mode = Vanishing.valueOf(vanishing.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--vanishing: '" + vanishing + "' is not one of single, subsets");
        }
        PluginRegistry reg = registry.get();
        StackContext ctx = StackContext.of(new int[] {1}, seed, reg, null);
        String candidates = "all-l" + lmax + "-n" + factors;
        long t0 = System.nanoTime();
        Descriptor d = reg.find(DescriptorProvider.class, "cartesian").provider().create(Parameters.of("flexible-set: descriptor",
            Map.of("radial", Map.of("count", 1), "invariants", candidates)), ctx);
        SelectableBasis basis = d.selectable().orElseThrow(() -> new IllegalStateException("the cartesian descriptor offers no selectable basis"));
        int p = (lmax + 1) * (lmax + 1);
        if (basis.primitiveCount() != p) {
            throw new IllegalStateException("the cartesian descriptor with one channel has " + basis.primitiveCount()
                + " primitives; expected the (lmax+1)^2 = " + p + " coefficients of one channel");
        }
        List<int[]> zeroed = new ArrayList<>(); // orders set to zero, per pattern
        if (mode == Vanishing.SINGLE) {
            for (int l = 0; l <= lmax; l++) {
                zeroed.add(new int[] {l});
            }
        } else {
            for (int mask = 1; mask < (1 << (lmax + 1)) - 1; mask++) {
                int m = mask;
                zeroed.add(java.util.stream.IntStream.rangeClosed(0, lmax).filter(l -> (m >> l & 1) != 0).toArray());
            }
        }
        List<Object> patterns = new ArrayList<>();
        for (int[] orders : zeroed) {
            List<Object> ranges = new ArrayList<>();
            for (int l : orders) {
                ranges.add(List.of(l * l, (l + 1) * (l + 1)));
            }
            patterns.add(ranges);
        }
        Map<String, Object> sel = new LinkedHashMap<>();
        sel.put("samples", samples);
        sel.put("tolerance", tolerance);
        sel.put("order", "index");
        sel.put("primitives", "gaussian");
        sel.put("vanishing", patterns);
        sel.put("prune", !noPrune);
        BasisSelection s = reg.find(SelectorProvider.class, "langbein").provider().create(Parameters.of("flexible-set: selector", sel), ctx)
            .select(basis);
        double seconds = (System.nanoTime() - t0) / 1e9;

        int g = 1 + zeroed.size();
        int[] ranks = s.sampleRanks();
        List<String> rankLines = new ArrayList<>();
        boolean complete = true;
        for (int q = 0; q < g; q++) {
            int reached = 0;
            for (int t = 0; t < samples; t++) {
                reached = Math.max(reached, ranks[t * g + q]);
            }
            int[] orders = q == 0 ? new int[0] : zeroed.get(q - 1);
            int full = completeRank(lmax, orders);
            complete &= reached == full;
            rankLines.add(String.format(Locale.ROOT, "%-22s %3d of %3d%s", q == 0 ? "none vanishes" : "l = " + join(orders) + " vanishes",
                reached, full, reached == full ? "" : "  (incomplete)"));
        }
        List<String> lines = new ArrayList<>();
        Map<Integer, Integer> byFactors = new TreeMap<>();
        for (int k : s.indices()) {
            String label = basis.labels().get(k);
            String diagram = label.substring(label.indexOf('|') + 1);
            String[] f = diagram.split(",");
            int degree = 0;
            TreeMap<Integer, Integer> orders = new TreeMap<>();
            for (String factor : f) {
                int l = factor.equals("-") ? 0 : factor.length();
                degree += l;
                orders.merge(l, 1, Integer::sum);
            }
            StringBuilder terms = new StringBuilder();
            orders.forEach((l, c) -> terms.append(terms.length() == 0 ? "" : " ").append(l).append('^').append(c));
            byFactors.merge(f.length, 1, Integer::sum);
            lines.add(String.format(Locale.ROOT, "%-24s # %d  %2d  %s", diagram, f.length, degree, terms));
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "# Minimal flexible set of Cartesian tensor invariants, l <= %d, at most %d factors: %d invariants.%n",
            lmax, factors, s.size()));
        text.append(String.format(Locale.ROOT, "# atomstack flexible-set --lmax %d --factors %d --vanishing %s --samples %d --tolerance %s --seed %d%s%n",
            lmax, factors, mode.name().toLowerCase(Locale.ROOT), samples, tolerance, seed, noPrune ? " --no-prune" : ""));
        text.append(String.format(Locale.ROOT, "# Candidates: the %d connected loop-free multigraphs of %s, by number of factors, then degree.%n",
            basis.size(), candidates));
        text.append("# Langbein test (selection-langbein) on random Gaussian coefficient vectors, also with the coefficients of\n");
        text.append(mode == Vanishing.SINGLE ? "# every single order set to zero; " : "# every proper subset of orders set to zero; ");
        text.append(noPrune ? "union over vectors and patterns.\n" : "union over vectors and patterns, pruned to an inclusion-minimal set.\n");
        text.append("# Jacobian rank reached (= the rank of all candidates) / rank of a complete set (remaining coefficients\n");
        text.append("# minus rotational freedom):\n");
        for (String r : rankLines) {
            text.append("#   ").append(r).append('\n');
        }
        text.append("#\n# index string            # n  degree  orders^count\n");
        for (String l : lines) {
            text.append(l).append('\n');
        }
        AtomicFiles.write(out, text.toString().getBytes(StandardCharsets.UTF_8));

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "flexible set l <= %d, n <= %d (%s vanishing): %d of %d candidates; by factors %s; %s in %.1f s%n", lmax, factors,
            mode.name().toLowerCase(Locale.ROOT), s.size(), basis.size(), byFactors, complete ? "complete for every pattern" : "NOT complete for every pattern",
            seconds);
        for (String r : rankLines) {
            o.println("  " + r);
        }
        o.println("wrote " + out);
        o.flush();
        return 0;
    }

    /**
     * Rank of a complete set of invariants of the orders 0..lmax without {@code vanished}: the
     * number of remaining coefficients minus the rotational degrees of freedom they fix (3 when
     * an order ≥ 2 remains, 2 when the largest is 1, 0 when only the scalar remains).
     */
    static int completeRank(int lmax, int[] vanished) {
        int coefficients = 0;
        int largest = -1;
        for (int l = 0; l <= lmax; l++) {
            int ll = l;
            if (java.util.Arrays.stream(vanished).noneMatch(v -> v == ll)) {
                coefficients += 2 * l + 1;
                largest = l;
            }
        }
        int rotations = largest >= 2 ? 3 : largest == 1 ? 2 : 0;
        return coefficients - rotations;
    }

    private static String join(int[] orders) {
        StringBuilder b = new StringBuilder();
        for (int l : orders) {
            b.append(b.length() == 0 ? "" : ",").append(l);
        }
        return b.toString();
    }
}
