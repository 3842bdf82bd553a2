package org.atomstack.assembly.internal.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.model.Model;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.plugin.Version;
import org.atomstack.api.plugin.VersionRange;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.stack.StackContext;
import org.atomstack.assembly.internal.io.AtomicFiles;
import org.atomstack.assembly.internal.stack.AssembledStack;

/**
 * Saves trained models as a directory and loads them back. Layout: {@code manifest.json}
 * (format, stack document, species, seed, descriptor and model plugin ids, versions and
 * parameters, selection) next to the files the model writes itself. Saving is atomic: the
 * directory is written under a temporary name beside the target and renamed into place, so a
 * reader sees either the old model or the complete new one.
 */
public final class ModelStore {
    /** Manifest format identifier. */
    public static final String FORMAT = "atomstack-model/1";
    private static final String MANIFEST = "manifest.json";

    private ModelStore() {
    }

    /** A loaded model and the descriptor recreated for it. */
    public record Loaded(Model model, Descriptor descriptor, Map<String, Object> manifest, int[] species) {
    }

    /** Saves {@code model}, trained by {@code stack}, as directory {@code dir} (replacing it atomically). */
    public static void save(Model model, AssembledStack stack, Path dir) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("stack_name", stack.spec().name());
        m.put("stack", stack.spec().document());
        m.put("seed", stack.spec().seed());
        m.put("species", java.util.Arrays.stream(stack.context().species()).boxed().toList());
        stack.descriptor().ifPresent(d -> {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("plugin", stack.descriptorPlugin().orElseThrow().id());
            dm.put("version", stack.descriptorPlugin().orElseThrow().version().toString());
            dm.put("parameters", d.parameters().asMap());
            dm.put("size", d.size());
            m.put("descriptor", dm);
        });
        stack.selection().ifPresent(s -> m.put("selection", s.asMap()));
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("plugin", stack.model().info().id());
        mm.put("version", stack.model().info().version().toString());
        mm.put("parameters", model.parameters().asMap());
        mm.put("parameter_count", model.parameterCount());
        m.put("model", mm);

        Path target = dir.toAbsolutePath();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = AtomicFiles.temporarySibling(target);
        Files.createDirectory(tmp);
        Path old = null;
        try {
            model.save(tmp);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.resolve(MANIFEST).toFile(), m);
            if (Files.exists(target)) {
                old = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".old");
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteTree(tmp);
            if (old != null && !Files.exists(target)) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                old = null;
            }
            throw e;
        }
        if (old != null) {
            AtomicFiles.deleteTree(old);
        }
    }

    /**
     * Loads a model directory: recreates the descriptor through its plugin (same id, a version
     * of the same major at least as new as the saved one), re-applies the selection, and asks
     * the model plugin to load its files.
     *
     * @throws IOException naming the directory when it is not a model or a plugin is missing
     */
    @SuppressWarnings("unchecked")
    public static Loaded load(Path dir, PluginRegistry registry, Backend backend) throws IOException {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new NoSuchFileException(dir + ": not an atomstack model directory (no " + MANIFEST + ")");
        }
        Map<String, Object> m = new ObjectMapper().readValue(manifestFile.toFile(), Map.class);
        if (!FORMAT.equals(m.get("format"))) {
            throw new IOException(manifestFile + ": unsupported model format " + m.get("format") + " (expected " + FORMAT + ")");
        }
        List<Integer> speciesList = (List<Integer>) m.get("species");
        int[] species = speciesList.stream().mapToInt(Integer::intValue).toArray();
        long seed = ((Number) m.get("seed")).longValue();
        StackContext ctx = StackContext.of(species, seed, registry, backend);
        Descriptor descriptor = null;
        if (m.get("descriptor") instanceof Map<?, ?> dm) {
            Map<String, Object> d = (Map<String, Object>) dm;
            Plugin<DescriptorProvider> p = find(registry, DescriptorProvider.class, d, manifestFile);
            descriptor = p.provider().create(Parameters.of(manifestFile + ": descriptor.parameters", (Map<String, Object>) d.get("parameters")), ctx);
            if (m.get("selection") instanceof Map<?, ?> sm) {
                descriptor = descriptor.restrict(BasisSelection.fromParameters(Parameters.of(manifestFile + ": selection", (Map<String, Object>) sm)));
            }
        }
        Map<String, Object> mm = (Map<String, Object>) m.get("model");
        Plugin<ModelProvider> mp = find(registry, ModelProvider.class, mm, manifestFile);
        Model model = mp.provider().load(dir, Parameters.of(manifestFile + ": model.parameters", (Map<String, Object>) mm.get("parameters")), descriptor, ctx);
        return new Loaded(model, descriptor, m, species);
    }

    private static <P extends org.atomstack.api.plugin.PluginProvider> Plugin<P> find(PluginRegistry registry, Class<P> type,
                                                                                       Map<String, Object> stage, Path manifest) throws IOException {
        String id = String.valueOf(stage.get("plugin"));
        Version saved = Version.parse(String.valueOf(stage.get("version")));
        VersionRange compatible = new VersionRange(saved, true, new Version(saved.major() + 1, 0, 0, ""), false);
        try {
            return registry.find(type, id, compatible);
        } catch (RuntimeException e) {
            throw new IOException(manifest + ": the model was saved with plugin " + id + " " + saved + ": " + e.getMessage(), e);
        }
    }

    /** Files and directories below {@code dir}, for messages and tests. */
    public static List<Path> files(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(out::add);
        }
        return out;
    }
}
