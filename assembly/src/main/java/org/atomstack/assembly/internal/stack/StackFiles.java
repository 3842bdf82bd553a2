package org.atomstack.assembly.internal.stack;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.VersionRange;

/** Reads stack files (YAML) into {@link StackSpec}s, with errors naming the file, line and key. */
public final class StackFiles {
    private static final List<String> TOP_LEVEL = List.of("name", "seed", "descriptor", "selector", "model");

    private StackFiles() {
    }

    /**
     * Reads a stack file.
     *
     * @throws StackException naming the file and the problem (missing file, malformed YAML with
     *                        its line, unknown top-level key, missing model or plugin id)
     */
    public static StackSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new StackException("stack " + file + ": no such file");
        } catch (IOException e) {
            throw new StackException("stack " + file + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, Object> doc;
        try {
            Object parsed = new ObjectMapper(new YAMLFactory()).readValue(text, Object.class);
            if (!(parsed instanceof Map<?, ?> m)) {
                throw new StackException("stack " + file + ": expected a mapping with a 'model' section, got "
                    + (parsed == null ? "an empty document" : parsed.getClass().getSimpleName()));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) m;
            doc = typed;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new StackException("stack " + file + (loc != null && loc.getLineNr() > 0 ? ": line " + loc.getLineNr() : "")
                + ": malformed YAML: " + e.getOriginalMessage(), e);
        }
        String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return fromMap(doc, file, base);
    }

    /**
     * Builds a stack from an already parsed document (inline stacks of study files).
     *
     * @param source      pseudo-path used in messages (e.g. "study.yaml#stacks[2]")
     * @param defaultName name used when the document has none
     */
    public static StackSpec fromMap(Map<String, Object> doc, Path source, String defaultName) {
        String where = "stack " + source;
        for (String key : doc.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new StackException(where + ": unknown key '" + key + "'; allowed: " + String.join(", ", TOP_LEVEL));
            }
        }
        Parameters top = Parameters.of(where, doc);
        String name;
        long seed;
        try {
            name = top.string("name", defaultName);
            seed = (long) top.number("seed", 1);
        } catch (RuntimeException e) {
            throw new StackException(e.getMessage(), e);
        }
        if (!doc.containsKey("model")) {
            throw new StackException(where + ": missing the 'model' section");
        }
        return new StackSpec(name, source, seed, stage(doc, where, "descriptor"), stage(doc, where, "selector"),
            stage(doc, where, "model").orElseThrow(), Map.copyOf(new LinkedHashMap<>(doc)));
    }

    private static Optional<StageSpec> stage(Map<String, Object> doc, String where, String key) {
        if (!doc.containsKey(key)) {
            return Optional.empty();
        }
        Object v = doc.get(key);
        if (!(v instanceof Map<?, ?> m)) {
            throw new StackException(where + ": '" + key + "' must be a section with at least 'plugin: ID'");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Object plugin = null;
        Object version = null;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            switch (k) {
                case "plugin" -> plugin = e.getValue();
                case "version" -> version = e.getValue();
                default -> params.put(k, e.getValue());
            }
        }
        if (!(plugin instanceof String id) || id.isBlank()) {
            throw new StackException(where + ": " + key + ".plugin: missing plugin id");
        }
        VersionRange range;
        try {
            range = version == null ? VersionRange.ANY : VersionRange.parse(String.valueOf(version));
        } catch (IllegalArgumentException e) {
            throw new StackException(where + ": " + key + ".version: " + e.getMessage(), e);
        }
        try {
            return Optional.of(new StageSpec(id.strip(), range, Parameters.of(where + ": " + key, params)));
        } catch (RuntimeException e) {
            throw new StackException(e.getMessage(), e);
        }
    }
}
