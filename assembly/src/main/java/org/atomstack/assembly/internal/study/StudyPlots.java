package org.atomstack.assembly.internal.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.atomstack.assembly.internal.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The study plots, drawn with XChart and written as PNG (atomically): per dataset, learning
 * curves (test force and energy MAE against training-set size, log–log, error bars = standard
 * deviation over repeats) and error against basis size (each stack at its largest training
 * set); per parity stack and dataset, predicted against reference test force components.
 */
final class StudyPlots {
    private StudyPlots() {
    }

    static void write(Path out, List<StudyReport.Row> rows, List<String> parityStacks) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path plots = Files.createDirectories(out.resolve("plots"));
        Map<String, List<StudyReport.Row>> byDataset = new LinkedHashMap<>();
        for (StudyReport.Row r : rows) {
            byDataset.computeIfAbsent(r.dataset(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<StudyReport.Row>> e : byDataset.entrySet()) {
            String ds = e.getKey();
            for (String metric : List.of("force_mae", "energy_mae")) {
                if (e.getValue().stream().anyMatch(r -> r.mean().containsKey(metric) && !Double.isNaN(r.mean().get(metric)))) {
                    save(learningCurve(ds, e.getValue(), metric), plots.resolve("learning-curve-" + metric + "-" + ds + ".png"));
                }
            }
            XYChart basis = errorVsBasis(ds, e.getValue());
            if (basis != null) {
                save(basis, plots.resolve("error-vs-basis-" + ds + ".png"));
            }
        }
        for (String stack : parityStacks) {
            for (String ds : byDataset.keySet()) {
                Path csv = parityFile(out, stack, ds);
                if (csv != null) {
                    save(parity(stack, ds, csv), plots.resolve("parity-" + stack + "-" + ds + ".png"));
                }
            }
        }
    }

    private static XYChart learningCurve(String dataset, List<StudyReport.Row> rows, String metric) {
        XYChart c = new XYChartBuilder().width(720).height(520).title("Learning curve, " + dataset)
            .xAxisTitle("training structures").yAxisTitle(StudyReport.METRICS.get(metric).title()).build();
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNE);
        Map<String, List<StudyReport.Row>> byStack = new LinkedHashMap<>();
        for (StudyReport.Row r : rows) {
            if (r.repeats() > 0 && r.mean().get(metric) > 0) {
                byStack.computeIfAbsent(r.stack(), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<StudyReport.Row>> e : byStack.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(StudyReport.Row::count).toArray();
            double[] y = e.getValue().stream().mapToDouble(r -> r.mean().get(metric)).toArray();
            double[] err = e.getValue().stream().mapToDouble(r -> Math.min(r.std().get(metric), 0.99 * r.mean().get(metric))).toArray();
            c.addSeries(e.getKey(), x, y, err).setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }

    private static XYChart errorVsBasis(String dataset, List<StudyReport.Row> rows) {
        Map<String, StudyReport.Row> largest = new LinkedHashMap<>();
        for (StudyReport.Row r : rows) {
            if (r.repeats() > 0 && (!largest.containsKey(r.stack()) || largest.get(r.stack()).count() < r.count())) {
                largest.put(r.stack(), r);
            }
        }
        String xMetric = largest.values().stream().allMatch(r -> finite(r.mean().get("basis_size"))) ? "basis_size" : "parameter_count";
        if (largest.isEmpty() || largest.values().stream().anyMatch(r -> !finite(r.mean().get(xMetric)) || !finite(r.mean().get("force_mae")))) {
            return null;
        }
        XYChart c = new XYChartBuilder().width(720).height(520).title("Test force error vs " + StudyReport.METRICS.get(xMetric).title() + ", " + dataset)
            .xAxisTitle(StudyReport.METRICS.get(xMetric).title()).yAxisTitle(StudyReport.METRICS.get("force_mae").title()).build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setXAxisLogarithmic(true)
            .setLegendPosition(Styler.LegendPosition.InsideNE).setMarkerSize(10);
        for (StudyReport.Row r : largest.values()) {
            c.addSeries(r.stack(), new double[] {r.mean().get(xMetric)}, new double[] {r.mean().get("force_mae")},
                new double[] {r.std().get("force_mae")});
        }
        return c;
    }

    private static Path parityFile(Path out, String stack, String dataset) throws IOException {
        Path dir = out.resolve("cells").resolve(stack).resolve(dataset);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("n"))
                .max(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(1))))
                .map(p -> p.resolve("r0").resolve("parity.csv")).filter(Files::isRegularFile).orElse(null);
        }
    }

    private static XYChart parity(String stack, String dataset, Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        double[] x = new double[lines.size() - 1];
        double[] y = new double[lines.size() - 1];
        double lo = 0;
        double hi = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            x[i - 1] = Double.parseDouble(f[0]);
            y[i - 1] = Double.parseDouble(f[1]);
            lo = Math.min(lo, Math.min(x[i - 1], y[i - 1]));
            hi = Math.max(hi, Math.max(x[i - 1], y[i - 1]));
        }
        XYChart c = new XYChartBuilder().width(600).height(600).title("Force parity, " + stack + ", " + dataset + " (test)")
            .xAxisTitle("DFT force component (eV/Å)").yAxisTitle("predicted (eV/Å)").build();
        c.getStyler().setLegendVisible(false).setMarkerSize(3);
        c.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi}).setMarker(SeriesMarkers.NONE);
        XYSeries s = c.addSeries("forces", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return c;
    }

    private static boolean finite(Double v) {
        return v != null && Double.isFinite(v) && v > 0;
    }

    private static void save(XYChart chart, Path file) throws IOException {
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
