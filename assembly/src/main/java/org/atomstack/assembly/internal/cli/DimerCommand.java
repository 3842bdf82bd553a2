package org.atomstack.assembly.internal.cli;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.Prediction;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Elements;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.NeighborList;
import org.atomstack.api.structure.Structure;
import org.atomstack.assembly.internal.io.AtomicFiles;
import org.atomstack.assembly.internal.run.ModelStore;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code atomstack dimer (--model DIR)... | --study DIR  --out CURVE.csv [--png CURVE.png] [--species Mo]
 * [--from 1.5] [--to R] [--step 0.005]}: the dimer curve E(r) of saved models and its smoothness.
 *
 * <p>For each model, E(r) − 2E(isolated atom) and dE/dr (from the model's forces) of a two-atom
 * molecule on a grid from {@code --from} to {@code --to} (default: the model's cutoff). The second
 * derivative E″ is the central difference of dE/dr; its sign changes are counted over the grid
 * points where |E″| exceeds 10⁻³·max|E″| (smaller values are treated as zero, so rounding noise
 * near an inflection does not count), together with the roughness ∫ (E″)² dr and the minimum.
 * Writes one CSV (r, then E and dE/dr per model), an optional PNG of E(r), and prints the summary.
 */
@Command(name = "dimer", mixinStandardHelpOptions = true,
    description = "Dimer curves E(r) of saved models (e.g. every model of a study) with a smoothness measure: the number of sign "
        + "changes of d2E/dr2 and the roughness integral of (d2E/dr2)^2.")
public final class DimerCommand implements Callable<Integer> {
    private final Provider<PluginRegistry> registry;

    @Mixin
    GlobalOptions global;

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "A model directory (DIR or DIR/model); repeatable.")
    List<Path> models = new ArrayList<>();

    @Option(names = "--study", paramLabel = "DIR", description = "A study output directory: every cells/**/model in it.")
    Path study;

    @Option(names = "--species", paramLabel = "SYMBOL", description = "Element of both atoms (default: the model's first species).")
    String species;

    @Option(names = "--from", paramLabel = "Å", defaultValue = "1.5", description = "Smallest distance (default ${DEFAULT-VALUE} Å).")
    double from;

    @Option(names = "--to", paramLabel = "Å", description = "Largest distance (default: the model's cutoff).")
    Double to;

    @Option(names = "--step", paramLabel = "Å", defaultValue = "0.005", description = "Grid step (default ${DEFAULT-VALUE} Å).")
    double step;

    @Option(names = "--out", required = true, paramLabel = "CURVE.csv", description = "The curves as CSV.")
    Path out;

    @Option(names = "--png", paramLabel = "CURVE.png", description = "Also plot E(r).")
    Path png;

    /** @param registry the plugin registry */
    @Inject
    public DimerCommand(Provider<PluginRegistry> registry) {
        this.registry = registry;
    }

    /** One model's curve and its smoothness. */
    record Curve(String name, double[] r, double[] energy, double[] slope, int signChanges, double roughness, double rMin, double eMin) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        List<Path> dirs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path m : models) {
            dirs.add(Files.isRegularFile(m.resolve("manifest.json")) ? m : m.resolve("model"));
            names.add(m.toString());
        }
        if (study != null) {
            try (Stream<Path> s = Files.walk(study.resolve("cells"))) {
                for (Path p : s.filter(p -> p.getFileName().toString().equals("manifest.json") && p.getParent().getFileName().toString()
                    .equals("model")).sorted().toList()) {
                    dirs.add(p.getParent());
                    names.add(study.resolve("cells").relativize(p.getParent().getParent()).toString().replace('\\', '/'));
                }
            }
        }
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("dimer: give --model DIR (repeatable) or --study DIR with fitted cells");
        }
        if (!(step > 0) || !(from > 0)) {
            throw new IllegalArgumentException("dimer: --from and --step must be > 0, got " + from + " and " + step);
        }
        Backend backend = backendOptions.open(spec.commandLine().getErr());
        List<Curve> curves = new ArrayList<>();
        for (int k = 0; k < dirs.size(); k++) {
            ModelStore.Loaded loaded = ModelStore.load(dirs.get(k), registry.get(), backend);
            int z = species == null ? loaded.species()[0] : Elements.atomicNumber(species);
            double end = to != null ? to : loaded.model().cutoff();
            curves.add(curve(names.get(k), loaded.model(), z, from, end, step));
        }
        writeCsv(curves);
        o.println("wrote " + out);
        if (png != null) {
            writePng(curves);
            o.println("wrote " + png);
        }
        o.println(String.format(Locale.ROOT, "%-44s %14s %14s %10s %12s", "model", "E'' sign chg", "∫E''² dr", "r_min Å",
            "E_min eV"));
        for (Curve c : curves) {
            o.println(String.format(Locale.ROOT, "%-44s %14d %14.4g %10.3f %12.4f", c.name(), c.signChanges(), c.roughness(), c.rMin(),
                c.eMin()));
        }
        o.flush();
        return 0;
    }

    /** The curve of one model. */
    static Curve curve(String name, Model model, int z, double from, double to, double step) {
        int n = (int) Math.floor((to - from) / step + 1e-9) + 1;
        double[] r = new double[n];
        double[] e = new double[n];
        double[] de = new double[n];
        Structure single = Structure.of("atom", new double[] {0, 0, 0}, new int[] {z}, null, Labels.NONE);
        double isolated = model.predict(single, NeighborList.build(single, model.cutoff()), false, false).energy();
        for (int i = 0; i < n; i++) {
            r[i] = from + i * step;
            Structure pair = Structure.of("dimer", new double[] {0, 0, 0, r[i], 0, 0}, new int[] {z, z}, null, Labels.NONE);
            Prediction p = model.predict(pair, NeighborList.build(pair, model.cutoff()), true, false);
            e[i] = p.energy() - 2 * isolated;
            de[i] = -p.forces().orElseThrow()[3];
        }
        double[] e2 = new double[n];
        double max = 0;
        for (int i = 1; i < n - 1; i++) {
            e2[i] = (de[i + 1] - de[i - 1]) / (2 * step);
            max = Math.max(max, Math.abs(e2[i]));
        }
        int changes = 0;
        int last = 0;
        double rough = 0;
        for (int i = 1; i < n - 1; i++) {
            rough += e2[i] * e2[i] * step;
            if (Math.abs(e2[i]) > 1e-3 * max) {
                int sign = e2[i] > 0 ? 1 : -1;
                if (last != 0 && sign != last) {
                    changes++;
                }
                last = sign;
            }
        }
        int at = 0;
        for (int i = 1; i < n; i++) {
            if (e[i] < e[at]) {
                at = i;
            }
        }
        return new Curve(name, r, e, de, changes, rough, r[at], e[at]);
    }

    private void writeCsv(List<Curve> curves) throws IOException {
        StringBuilder sb = new StringBuilder("r");
        for (Curve c : curves) {
            sb.append(",E ").append(c.name()).append(",dE/dr ").append(c.name());
        }
        sb.append('\n');
        int n = curves.stream().mapToInt(c -> c.r().length).max().orElse(0);
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%.4f", curves.get(0).r()[Math.min(i, curves.get(0).r().length - 1)]));
            for (Curve c : curves) {
                if (i < c.r().length) {
                    sb.append(String.format(Locale.ROOT, ",%.8g,%.8g", c.energy()[i], c.slope()[i]));
                } else {
                    sb.append(",,");
                }
            }
            sb.append('\n');
        }
        AtomicFiles.write(out, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writePng(List<Curve> curves) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(900).height(600).title("Dimer curves").xAxisTitle("r (Å)").yAxisTitle("E(r) − 2E_atom (eV)")
            .build();
        double lo = curves.stream().mapToDouble(Curve::eMin).min().orElse(-1);
        c.getStyler().setYAxisMin(lo - 0.5).setYAxisMax(Math.max(2.0, -lo));
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (Curve cv : curves) {
            double[] y = cv.energy().clone();
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(lo - 1, Math.min(y[i], Math.max(3.0, -2 * lo)));
            }
            c.addSeries(cv.name(), cv.r(), y).setMarker(SeriesMarkers.NONE);
        }
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
    }
}
