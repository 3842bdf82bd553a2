package org.atomstack.selection.langbein.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.api.selection.SelectorProvider;
import org.atomstack.api.stack.StackContext;
import org.atomstack.api.structure.Elements;

/**
 * Langbein subset size against full ACE basis size over a range of total degrees, the power-law
 * exponent b of LB size ≈ a·(full size)^b (least squares of log LB size on log full size; Fig. 3
 * of Allen et al.), and the selection time of each basis. A tool, run by hand (not a test):
 *
 * <pre>
 * mvn -q -o -pl selection-langbein -am test-compile
 * java -cp selection-langbein/target/classes:selection-langbein/target/test-classes:basis-ace/target/classes:api/target/classes \
 *   org.atomstack.selection.langbein.tools.LangbeinScaling \
 *   [--species Mo] [--cutoff 5.5] [--wL 1.5] [--samples 8] [--tolerance 1e-8] [--seed 1] [--repeat 1] \
 *   --degrees 10,8,6 12,10,8 14,12,9 ...
 * </pre>
 *
 * Every argument after {@code --degrees} is one degree list D_1,..,D_ν of the {@code ace} plugin
 * (its length is the order ν). With {@code --repeat R} every selection runs R times and the
 * shortest wall time is reported (the first run includes JIT compilation).
 * The ace descriptor and the langbein selector are found through the service loader, exactly as a
 * stack finds them. Prints one table row per basis and the fitted exponent with its standard error.
 */
public final class LangbeinScaling {
    private LangbeinScaling() {
    }

    /**
     * Runs the sweep.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        List<int[]> degrees = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--degrees")) {
                for (i++; i < args.length && !args[i].startsWith("--"); i++) {
                    degrees.add(Arrays.stream(args[i].split(",")).mapToInt(Integer::parseInt).toArray());
                }
                i--;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opt.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
        }
        if (degrees.isEmpty()) {
            throw new IllegalArgumentException("give at least one degree list after --degrees, e.g. --degrees 12,10,8 15,13,10");
        }
        String species = opt.getOrDefault("species", "Mo");
        int[] z = Arrays.stream(species.split(",")).mapToInt(s -> Elements.atomicNumber(s.strip())).toArray();
        PluginRegistry registry = PluginRegistry.serviceLoader(LangbeinScaling.class.getClassLoader());
        StackContext ctx = StackContext.of(z, Long.parseLong(opt.getOrDefault("seed", "1")), registry, null);
        DescriptorProvider ace = registry.find(DescriptorProvider.class, "ace").provider();
        SelectorProvider langbein = registry.find(SelectorProvider.class, "langbein").provider();
        Map<String, Object> selParams = new LinkedHashMap<>();
        selParams.put("samples", Integer.parseInt(opt.getOrDefault("samples", "8")));
        selParams.put("tolerance", Double.parseDouble(opt.getOrDefault("tolerance", "1e-8")));
        System.out.printf(Locale.ROOT, "| degree | full size | primitives | LB size | LB / full | LB / full by order ν | sample ranks | selection s |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|---|---|%n");
        double[] lx = new double[degrees.size()];
        double[] ly = new double[degrees.size()];
        for (int i = 0; i < degrees.size(); i++) {
            int[] d = degrees.get(i);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("cutoff", Double.parseDouble(opt.getOrDefault("cutoff", "5.5")));
            p.put("order", d.length);
            if (opt.containsKey("wL")) {
                p.put("wL", Double.parseDouble(opt.get("wL")));
            }
            p.put("degree", Arrays.stream(d).boxed().toList());
            Descriptor desc = ace.create(Parameters.of("descriptor", p), ctx);
            SelectableBasis basis = desc.selectable().orElseThrow();
            BasisSelection sel = null;
            double seconds = Double.POSITIVE_INFINITY;
            for (int rep = 0; rep < Integer.parseInt(opt.getOrDefault("repeat", "1")); rep++) {
                long t0 = System.nanoTime();
                sel = langbein.create(Parameters.of("selector", selParams), ctx).select(basis);
                seconds = Math.min(seconds, (System.nanoTime() - t0) * 1e-9);
            }
            int[] r = sel.sampleRanks();
            // ACE labels list one "Sym(n,l)" per factor: the order ν is the number of '('.
            int[] fullByOrder = new int[d.length + 1];
            int[] keptByOrder = new int[d.length + 1];
            for (int k = 0; k < basis.size(); k++) {
                fullByOrder[(int) basis.labels().get(k).chars().filter(c -> c == '(').count()]++;
            }
            for (int k : sel.indices()) {
                keptByOrder[(int) basis.labels().get(k).chars().filter(c -> c == '(').count()]++;
            }
            StringBuilder byOrder = new StringBuilder();
            for (int nu = 1; nu <= d.length; nu++) {
                byOrder.append(nu == 1 ? "" : ", ").append(keptByOrder[nu]).append('/').append(fullByOrder[nu]);
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %s | %d–%d | %.2f |%n", Arrays.toString(d), basis.size(),
                basis.primitiveCount(), sel.size(), sel.size() / (double) basis.size(), byOrder, Arrays.stream(r).min().orElse(0),
                Arrays.stream(r).max().orElse(0), seconds);
            lx[i] = Math.log(basis.size());
            ly[i] = Math.log(sel.size());
        }
        if (degrees.size() >= 2) {
            double[] fit = fit(lx, ly);
            System.out.printf(Locale.ROOT, "power law: LB size = %.3f * (full size)^%.3f  (exponent standard error %.3f, %d bases)%n",
                Math.exp(fit[0]), fit[1], fit[2], degrees.size());
        }
    }

    /**
     * Least squares y = a + b x.
     *
     * @return a, b and the standard error of b (NaN with two points)
     */
    static double[] fit(double[] x, double[] y) {
        int n = x.length;
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - a - b * x[i];
            rss += e * e;
        }
        double se = n > 2 ? Math.sqrt(rss / (n - 2) / sxx) : Double.NaN;
        return new double[] {a, b, se};
    }
}
