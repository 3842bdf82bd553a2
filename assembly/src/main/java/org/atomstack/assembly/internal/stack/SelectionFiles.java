package org.atomstack.assembly.internal.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.structure.Elements;

/**
 * Selection files, written by {@code atomstack select} and read by a selector stage with
 * {@code file:}. JSON:
 *
 * <pre>{@code
 * {
 *   "stack": "ace-lb-Mo", "stack_file": "...",
 *   "descriptor": {"plugin": "ace", "version": "0.1.0", "species": ["Mo"], "size": 594, "primitives": 239,
 *                  "parameters": {...}},
 *   "selector": {"plugin": "langbein", "version": "0.1.0", "parameters": {...}},
 *   "selected": 148, "seconds": 0.4,
 *   "selection": {"selector": "langbein", "basis_size": 594, "indices": [...], "sample_ranks": [...],
 *                 "tolerance": 1.0e-8, "seed": 1}
 * }
 * }</pre>
 *
 * The {@code selection} member is {@link BasisSelection#asMap()}; a file holding only that map
 * is read as well.
 */
public final class SelectionFiles {
    private SelectionFiles() {
    }

    /**
     * The document {@code atomstack select} writes.
     *
     * @param stack the stack
     * @param s     what its descriptor and selector stages produced
     * @param seconds wall time of the selection
     * @return the document (JSON-serialisable maps and lists)
     */
    public static Map<String, Object> document(StackSpec stack, StackAssembler.Selection s, double seconds) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("stack", stack.name());
        doc.put("stack_file", stack.source().toString());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("plugin", s.descriptorPlugin().id());
        d.put("version", s.descriptorPlugin().version().toString());
        d.put("species", java.util.Arrays.stream(s.descriptor().species()).mapToObj(Elements::symbol).toList());
        d.put("size", s.descriptor().size());
        d.put("primitives", s.descriptor().selectable().map(b -> (Object) b.primitiveCount()).orElse(null));
        d.put("parameters", s.descriptor().parameters().asMap());
        doc.put("descriptor", d);
        Map<String, Object> sel = new LinkedHashMap<>();
        sel.put("plugin", stack.selector().orElseThrow().plugin());
        s.selectorPlugin().ifPresent(p -> sel.put("version", p.version().toString()));
        s.file().ifPresent(f -> sel.put("file", f.toString()));
        sel.put("parameters", stack.selector().orElseThrow().parameters().asMap());
        doc.put("selector", sel);
        doc.put("selected", s.selection().size());
        doc.put("seconds", seconds);
        doc.put("selection", s.selection().asMap());
        return doc;
    }

    /**
     * Reads a selection file and checks it against the stage that uses it.
     *
     * @param file       the file
     * @param where      prefix of messages, e.g. "stack s.yaml: selector.file"
     * @param selector   the selector plugin id of the stage
     * @param descriptor the descriptor plugin id of the stack
     * @param basisSize  the descriptor's size
     * @return the selection
     * @throws StackException naming the file and the mismatch
     */
    @SuppressWarnings("unchecked")
    public static BasisSelection read(Path file, String where, String selector, String descriptor, int basisSize) {
        Object doc;
        try {
            doc = new ObjectMapper().readValue(Files.readString(file), Object.class);
        } catch (NoSuchFileException e) {
            throw new StackException(where + ": no such file '" + file + "'");
        } catch (JsonProcessingException e) {
            throw new StackException(where + ": '" + file + "' is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StackException(where + ": cannot read '" + file + "': " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> top)) {
            throw new StackException(where + ": '" + file + "' must hold a JSON object written by 'atomstack select'");
        }
        Map<String, Object> map = (Map<String, Object>) top;
        if (map.get("descriptor") instanceof Map<?, ?> d && d.get("plugin") instanceof String made && !made.equals(descriptor)) {
            throw new StackException(where + ": '" + file + "' was made for descriptor '" + made + "', but the stack's descriptor is '"
                + descriptor + "'");
        }
        Object inner = map.containsKey("selection") ? map.get("selection") : map;
        if (!(inner instanceof Map<?, ?> selMap)) {
            throw new StackException(where + ": '" + file + "': 'selection' must be an object, got " + inner);
        }
        BasisSelection s;
        try {
            s = BasisSelection.fromParameters(Parameters.of(file + ": selection", (Map<String, Object>) selMap));
        } catch (RuntimeException e) {
            throw new StackException(where + ": " + e.getMessage(), e);
        }
        if (!s.selector().equals(selector)) {
            throw new StackException(where + ": '" + file + "' was made by selector '" + s.selector() + "', but the stage names '" + selector + "'");
        }
        if (s.basisSize() != basisSize) {
            throw new StackException(where + ": '" + file + "' selects from a basis of " + s.basisSize() + " functions, but descriptor '"
                + descriptor + "' has " + basisSize + " (different descriptor parameters?)");
        }
        return s;
    }
}
