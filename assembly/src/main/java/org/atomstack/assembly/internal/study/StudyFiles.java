package org.atomstack.assembly.internal.study;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.assembly.internal.stack.StackException;
import org.atomstack.assembly.internal.stack.StackFiles;
import org.atomstack.assembly.internal.stack.StackSpec;

/** Reads study files (YAML) into {@link StudySpec}; errors name the study file, line and key. */
public final class StudyFiles {
    private static final List<String> KEYS = List.of("name", "seed", "stacks", "datasets", "sizes", "repeats", "metrics", "budget",
        "wall_seconds", "parallel", "parity", "save_models");

    private StudyFiles() {
    }

    /**
     * Reads and checks a study file: every stack file and data file must exist, names must be
     * unique, sizes positive.
     *
     * @throws StudyException naming the study and the problem
     */
    @SuppressWarnings("unchecked")
    public static StudySpec read(Path file) {
        String where = "study " + file;
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new StudyException(where + ": no such file");
        } catch (IOException e) {
            throw new StudyException(where + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, Object> doc;
        try {
            Object parsed = new ObjectMapper(new YAMLFactory()).readValue(text, Object.class);
            if (!(parsed instanceof Map<?, ?>)) {
                throw new StudyException(where + ": expected a mapping with 'stacks' and 'datasets'");
            }
            doc = (Map<String, Object>) parsed;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new StudyException(where + (loc != null && loc.getLineNr() > 0 ? ": line " + loc.getLineNr() : "")
                + ": malformed YAML: " + e.getOriginalMessage(), e);
        }
        for (String k : doc.keySet()) {
            if (!KEYS.contains(k)) {
                throw new StudyException(where + ": unknown key '" + k + "'; allowed: " + String.join(", ", KEYS));
            }
        }
        Path base = file.toAbsolutePath().getParent();
        try {
            Parameters p = Parameters.of(where, doc);
            String name = p.string("name", file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
            long seed = (long) p.number("seed", 1);
            List<StackSpec> stacks = stacks(p, where, base);
            List<StudySpec.DatasetSpec> datasets = datasets(p, where, base);
            double[] sizes = p.numbers("sizes", new double[] {1.0});
            List<Double> sizeList = new ArrayList<>();
            for (double s : sizes) {
                if (!(s > 0) || (s > 1 && s != Math.rint(s))) {
                    throw new StudyException(where + ": sizes: " + s + " is neither a fraction in (0, 1] nor a structure count");
                }
                sizeList.add(s);
            }
            int repeats = p.integer("repeats", 1);
            if (repeats < 1) {
                throw new StudyException(where + ": repeats must be >= 1, got " + repeats);
            }
            List<String> metrics = new ArrayList<>();
            if (p.has("metrics")) {
                for (Object m : p.list("metrics")) {
                    String id = String.valueOf(m);
                    if (!StudyReport.METRICS.containsKey(id)) {
                        throw new StudyException(where + ": metrics: unknown metric '" + id + "'; known: " + StudyReport.METRICS.keySet());
                    }
                    metrics.add(id);
                }
            } else {
                metrics.addAll(StudyReport.METRICS.keySet());
            }
            Map<String, Object> budget = p.section("budget").asMap();
            double wall = p.number("wall_seconds", 0);
            int parallel = p.integer("parallel", Runtime.getRuntime().availableProcessors());
            if (parallel < 1) {
                throw new StudyException(where + ": parallel must be >= 1, got " + parallel);
            }
            List<String> parity = new ArrayList<>();
            if (p.has("parity")) {
                Set<String> names = new HashSet<>();
                stacks.forEach(s -> names.add(s.name()));
                for (Object o : p.list("parity")) {
                    if (!names.contains(String.valueOf(o))) {
                        throw new StudyException(where + ": parity: no stack named '" + o + "'; stacks: " + names);
                    }
                    parity.add(String.valueOf(o));
                }
            }
            boolean saveModels = p.bool("save_models", false);
            return new StudySpec(name, file, seed, stacks, datasets, sizeList, repeats, metrics, budget, wall, parallel, parity, saveModels);
        } catch (StudyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StudyException(e.getMessage().startsWith("study ") ? e.getMessage() : where + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<StackSpec> stacks(Parameters p, String where, Path base) {
        if (!p.has("stacks")) {
            throw new StudyException(where + ": missing 'stacks'");
        }
        List<StackSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Object> list = p.list("stacks");
        for (int i = 0; i < list.size(); i++) {
            Object o = list.get(i);
            if (!(o instanceof Map<?, ?> m)) {
                throw new StudyException(where + ": stacks[" + i + "]: expected 'file: PATH' or an inline stack");
            }
            StackSpec s;
            try {
                if (m.containsKey("file")) {
                    Path f = base.resolve(String.valueOf(m.get("file")));
                    s = StackFiles.read(f);
                    if (m.containsKey("name")) {
                        s = new StackSpec(String.valueOf(m.get("name")), s.source(), s.seed(), s.descriptor(), s.selector(), s.model(), s.document());
                    }
                } else {
                    s = StackFiles.fromMap(new LinkedHashMap<>((Map<String, Object>) m), Path.of(where.substring(6) + "#stacks[" + i + "]"),
                        "stack" + i);
                }
            } catch (StackException e) {
                throw new StudyException(where + ": stacks[" + i + "]: " + e.getMessage(), e);
            }
            if (!s.name().matches("[A-Za-z0-9._-]+")) {
                throw new StudyException(where + ": stacks[" + i + "]: name '" + s.name() + "' may only use letters, digits, '.', '_' and '-'");
            }
            if (!names.add(s.name())) {
                throw new StudyException(where + ": stacks[" + i + "]: duplicate stack name '" + s.name() + "'");
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw new StudyException(where + ": 'stacks' is empty");
        }
        return out;
    }

    private static List<StudySpec.DatasetSpec> datasets(Parameters p, String where, Path base) {
        if (!p.has("datasets")) {
            throw new StudyException(where + ": missing 'datasets'");
        }
        List<StudySpec.DatasetSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Object> list = p.list("datasets");
        for (int i = 0; i < list.size(); i++) {
            String at = where + ": datasets[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> raw)) {
                throw new StudyException(at + ": expected a section with name, train and test (or data and test_fraction)");
            }
            @SuppressWarnings("unchecked")
            Parameters d = Parameters.of(at, (Map<String, Object>) raw);
            d.checkKnown("name", "train", "test", "data", "test_fraction");
            String name = d.string("name", "data" + i);
            if (!name.matches("[A-Za-z0-9._-]+") || !names.add(name)) {
                throw new StudyException(at + ": name '" + name + "' must be unique and use only letters, digits, '.', '_' and '-'");
            }
            StudySpec.DatasetSpec ds;
            if (d.has("train")) {
                ds = new StudySpec.DatasetSpec(name, existing(base, d.string("train"), at + ".train"),
                    d.has("test") ? existing(base, d.string("test"), at + ".test") : null, d.number("test_fraction", 0));
                if (ds.test() == null && !(ds.testFraction() > 0)) {
                    throw new StudyException(at + ": needs 'test' or 'test_fraction'");
                }
            } else if (d.has("data")) {
                double f = d.number("test_fraction", 0.2);
                if (!(f > 0 && f < 1)) {
                    throw new StudyException(at + ".test_fraction: must be in (0, 1), got " + f);
                }
                ds = new StudySpec.DatasetSpec(name, existing(base, d.string("data"), at + ".data"), null, f);
            } else {
                throw new StudyException(at + ": needs 'train' (and 'test') or 'data' (and 'test_fraction')");
            }
            out.add(ds);
        }
        if (out.isEmpty()) {
            throw new StudyException(where + ": 'datasets' is empty");
        }
        return out;
    }

    private static Path existing(Path base, String file, String at) {
        Path f = base.resolve(file).normalize();
        if (!Files.isRegularFile(f)) {
            throw new StudyException(at + ": no such file " + f);
        }
        return f;
    }
}
