package org.atomstack.assembly.internal.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.atomstack.api.structure.Dataset;
import org.atomstack.assembly.internal.io.AtomicFiles;
import org.atomstack.assembly.internal.run.FitRunner;

/**
 * Builds a study's results from its finished cells: one table with mean ± sample standard
 * deviation over repeats of each metric per (stack, dataset, training-set size) as
 * {@code results.csv}, {@code results.json} and {@code results.md}, and PNG plots (learning
 * curves, error vs basis size, force parity). Reads only the output directory
 * ({@code study.json} and {@code cells/**}), so {@code atomstack study report DIR} can rebuild
 * everything after the fact. All files are written atomically.
 */
public final class StudyReport {
    /** Metric id → (column title, value from a cell's metrics.json). */
    public static final Map<String, Metric> METRICS = metrics();

    /**
     * A tabulated metric.
     *
     * @param title  column title with unit
     * @param value  extracts the value from a cell's metrics.json (NaN if absent)
     */
    public record Metric(String title, Function<JsonNode, Double> value) {
    }

    /**
     * One row of the table.
     *
     * @param stack    stack name
     * @param dataset  dataset name
     * @param count    training structures
     * @param repeats  finished repeats
     * @param failed   failed repeats
     * @param mean     metric id → mean over repeats
     * @param std      metric id → sample standard deviation over repeats (0 for one repeat)
     */
    public record Row(String stack, String dataset, int count, int repeats, int failed, Map<String, Double> mean, Map<String, Double> std) {
    }

    private StudyReport() {
    }

    private static Map<String, Metric> metrics() {
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("energy_mae", new Metric("test energy MAE (meV/atom)", n -> num(n, "test", "energyMaeMeVPerAtom")));
        m.put("energy_rmse", new Metric("test energy RMSE (meV/atom)", n -> num(n, "test", "energyRmseMeVPerAtom")));
        m.put("force_mae", new Metric("test force MAE (eV/Å)", n -> num(n, "test", "forceMae")));
        m.put("force_rmse", new Metric("test force RMSE (eV/Å)", n -> num(n, "test", "forceRmse")));
        m.put("stress_mae", new Metric("test stress MAE (GPa)", n -> num(n, "test", "stressMaeGPa")));
        m.put("basis_size", new Metric("basis size", n -> num(n, "basis_size")));
        m.put("parameter_count", new Metric("parameters", n -> num(n, "parameter_count")));
        m.put("fit_seconds", new Metric("fit (s)", n -> num(n, "fit_seconds")));
        m.put("epochs", new Metric("training epochs", n -> num(n, "training", "last", "train_loss", "step")));
        m.put("train_structures_per_second", new Metric("training (structures/s)",
            n -> num(n, "training", "last", "train_structures_per_second", "value")));
        m.put("inference_us_per_atom", new Metric("inference (µs/atom)", n -> num(n, "test", "microsecondsPerAtom")));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static double num(JsonNode n, String... path) {
        JsonNode v = n;
        for (String p : path) {
            v = v == null ? null : v.get(p);
        }
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        return v.isNumber() ? v.asDouble() : v.isTextual() ? parse(v.asText()) : Double.NaN;
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Writes {@code study.json}: what the report needs to know about the study. */
    static void writeStudyInfo(StudySpec study, Path out) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", study.name());
        info.put("source", study.source().toString());
        info.put("seed", study.seed());
        info.put("stacks", study.stacks().stream().map(s -> s.name()).toList());
        info.put("datasets", study.datasets().stream().map(d -> d.name()).toList());
        info.put("sizes", study.sizes());
        info.put("repeats", study.repeats());
        info.put("metrics", study.metrics());
        info.put("parity", study.parity());
        FitRunner.writeJson(out.resolve("study.json"), info);
    }

    /** Writes the test-force parity data of one cell (reference and predicted components). */
    static void writeParity(Path cellDir, Dataset reference, Dataset predicted) throws IOException {
        StringBuilder sb = new StringBuilder("reference_eV_per_A,predicted_eV_per_A\n");
        for (int i = 0; i < reference.size(); i++) {
            var ref = reference.structures().get(i).labels().forces();
            var pred = predicted.structures().get(i).labels().forces();
            if (ref.isPresent() && pred.isPresent()) {
                for (int k = 0; k < ref.get().length; k++) {
                    sb.append(ref.get()[k]).append(',').append(pred.get()[k]).append('\n');
                }
            }
        }
        AtomicFiles.write(cellDir.resolve("parity.csv"), w -> w.write(sb.toString()));
    }

    /**
     * Rebuilds the table and plots from the finished cells of {@code out}.
     *
     * @return the rows
     * @throws NoSuchFileException when {@code out} is not a study directory
     */
    public static List<Row> write(Path out) throws IOException {
        Path infoFile = out.resolve("study.json");
        if (!Files.isRegularFile(infoFile)) {
            throw new NoSuchFileException(out + ": not a study output directory (no study.json)");
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode info = json.readTree(infoFile.toFile());
        List<String> metricIds = new ArrayList<>();
        info.get("metrics").forEach(m -> metricIds.add(m.asText()));
        List<Row> rows = rows(out, json, metricIds);
        AtomicFiles.write(out.resolve("results.csv"), w -> w.write(csv(rows, metricIds)));
        FitRunner.writeJson(out.resolve("results.json"), Map.of("study", info.get("name").asText(), "rows", rows));
        AtomicFiles.write(out.resolve("results.md"), w -> w.write(markdown(info.get("name").asText(), rows, metricIds)));
        List<String> parity = new ArrayList<>();
        info.get("parity").forEach(p -> parity.add(p.asText()));
        StudyPlots.write(out, rows, parity);
        return rows;
    }

    static List<Row> rows(Path out, ObjectMapper json, List<String> metricIds) throws IOException {
        Path cells = out.resolve("cells");
        Map<String, List<JsonNode>> finished = new TreeMap<>();
        Map<String, Integer> failed = new TreeMap<>();
        if (Files.isDirectory(cells)) {
            try (Stream<Path> walk = Files.walk(cells)) {
                for (Path p : walk.filter(f -> f.getFileName().toString().equals("metrics.json") || f.getFileName().toString().equals("error.json")).toList()) {
                    Path rel = cells.relativize(p.getParent());
                    if (rel.getNameCount() != 4) {
                        continue;
                    }
                    String key = rel.getName(0) + "\t" + rel.getName(1) + "\t" + rel.getName(2).toString().substring(1);
                    if (p.getFileName().toString().equals("metrics.json")) {
                        finished.computeIfAbsent(key, k -> new ArrayList<>()).add(json.readTree(p.toFile()));
                    } else if (!Files.exists(p.resolveSibling("metrics.json"))) {
                        failed.merge(key, 1, Integer::sum);
                    }
                }
            }
        }
        java.util.Set<String> keys = new java.util.TreeSet<>(finished.keySet());
        keys.addAll(failed.keySet());
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            String[] k = key.split("\t");
            List<JsonNode> runs = finished.getOrDefault(key, List.of());
            Map<String, Double> mean = new LinkedHashMap<>();
            Map<String, Double> std = new LinkedHashMap<>();
            for (String id : metricIds) {
                double[] v = runs.stream().mapToDouble(n -> METRICS.get(id).value().apply(n)).filter(d -> !Double.isNaN(d)).toArray();
                double m = v.length == 0 ? Double.NaN : java.util.Arrays.stream(v).average().orElse(Double.NaN);
                double s = 0;
                for (double x : v) {
                    s += (x - m) * (x - m);
                }
                mean.put(id, m);
                std.put(id, v.length > 1 ? Math.sqrt(s / (v.length - 1)) : v.length == 1 ? 0 : Double.NaN);
            }
            rows.add(new Row(k[0], k[1], Integer.parseInt(k[2]), runs.size(), failed.getOrDefault(key, 0), mean, std));
        }
        rows.sort(Comparator.comparing(Row::dataset).thenComparing(Row::stack).thenComparingInt(Row::count));
        return rows;
    }

    static String csv(List<Row> rows, List<String> metricIds) {
        StringBuilder sb = new StringBuilder("stack,dataset,train_structures,repeats,failed");
        for (String id : metricIds) {
            sb.append(',').append(id).append("_mean,").append(id).append("_std");
        }
        sb.append('\n');
        for (Row r : rows) {
            sb.append(r.stack()).append(',').append(r.dataset()).append(',').append(r.count()).append(',').append(r.repeats()).append(',').append(r.failed());
            for (String id : metricIds) {
                sb.append(',').append(r.mean().get(id)).append(',').append(r.std().get(id));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String markdown(String name, List<Row> rows, List<String> metricIds) {
        StringBuilder sb = new StringBuilder("# Study " + name + "\n\nMean ± standard deviation over repeats.\n\n");
        sb.append("| stack | dataset | train structures | repeats |");
        for (String id : metricIds) {
            sb.append(' ').append(METRICS.get(id).title()).append(" |");
        }
        sb.append("\n|---|---|---|---|");
        sb.append("---|".repeat(metricIds.size())).append('\n');
        for (Row r : rows) {
            sb.append("| ").append(r.stack()).append(" | ").append(r.dataset()).append(" | ").append(r.count()).append(" | ")
                .append(r.repeats()).append(r.failed() > 0 ? " (+" + r.failed() + " failed)" : "").append(" |");
            for (String id : metricIds) {
                sb.append(' ').append(format(r.mean().get(id), r.std().get(id))).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String format(double mean, double std) {
        if (Double.isNaN(mean)) {
            return "–";
        }
        String f = Math.abs(mean) >= 100 ? "%.0f" : Math.abs(mean) >= 1 ? "%.2f" : "%.4f";
        boolean spread = std > 1e-9 * Math.abs(mean);
        return String.format(Locale.ROOT, f, mean) + (spread ? " ± " + String.format(Locale.ROOT, f, std) : "");
    }
}
