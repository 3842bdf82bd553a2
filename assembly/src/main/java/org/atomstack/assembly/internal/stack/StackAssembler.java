package org.atomstack.assembly.internal.stack;

import java.nio.file.Path;
import java.util.Optional;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.descriptor.DescriptorProvider;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.model.ModelTrainer;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginInfo;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.selection.SelectableBasis;
import org.atomstack.api.selection.SelectorProvider;
import org.atomstack.api.stack.StackContext;

/**
 * Builds stacks from specs through the registry: descriptor plugin → optional selector
 * (applied to the descriptor's selectable basis) → model trainer. Failures name the stack
 * file, the stage and the plugin.
 *
 * <p>A selector stage either runs its plugin on the descriptor's selectable basis or, with
 * {@code file: sel.json} (relative to the stack file's folder), reads a selection written by
 * {@code atomstack select}: the file must come from the same selector plugin and the same
 * descriptor plugin, and its basis size must equal the descriptor's ({@link SelectionFiles}).
 */
public final class StackAssembler {
    /** Key of a selector stage naming a precomputed selection (written by {@code atomstack select}). */
    public static final String FILE = "file";

    private final PluginRegistry registry;

    /** @param registry where plugins are found */
    public StackAssembler(PluginRegistry registry) {
        this.registry = registry;
    }

    /**
     * Builds a stack.
     *
     * @param species atomic numbers the stack must handle
     * @param backend the compute backend, or null
     * @throws StackException naming the stack, stage and plugin
     */
    public AssembledStack assemble(StackSpec spec, int[] species, Backend backend) {
        StackContext ctx = StackContext.of(species, spec.seed(), registry, backend);
        String where = "stack " + spec.source();
        Selected sel = descriptorAndSelection(spec, ctx);
        Descriptor descriptor = sel.descriptor;
        if (sel.selection != null) {
            Descriptor full = descriptor;
            BasisSelection chosen = sel.selection;
            descriptor = run(where, "selector", spec.selector().get().plugin(), () -> full.restrict(chosen));
        }
        StageSpec ms = spec.model();
        Plugin<ModelProvider> model = find(ModelProvider.class, ms, where, "model");
        Descriptor d = descriptor;
        ModelTrainer trainer = run(where, "model", ms.plugin(), () -> model.provider().trainer(ms.parameters(), d, ctx));
        return new AssembledStack(spec, ctx, Optional.ofNullable(descriptor), Optional.ofNullable(sel.descriptorInfo),
            Optional.ofNullable(sel.selection), model, trainer);
    }

    /**
     * The outcome of a stack's selector stage alone (for {@code atomstack select}).
     *
     * @param context          species, seed, registry
     * @param descriptor       the full (unrestricted) descriptor
     * @param descriptorPlugin the descriptor plugin
     * @param selection        the selection, made by the selector plugin or read from a file
     * @param selectorPlugin   the selector plugin that ran, or empty when the selection came from a file
     * @param file             the selection file read, or empty when the selector ran
     */
    public record Selection(StackContext context, Descriptor descriptor, PluginInfo descriptorPlugin, BasisSelection selection,
                            Optional<PluginInfo> selectorPlugin, Optional<Path> file) {
    }

    /**
     * Builds a stack's descriptor and runs (or loads) its selection, without the model stage.
     *
     * @param species atomic numbers the stack must handle
     * @throws StackException naming the stack, stage and plugin, or when the stack has no
     *                        descriptor or no selector stage
     */
    public Selection select(StackSpec spec, int[] species) {
        String where = "stack " + spec.source();
        if (spec.selector().isEmpty()) {
            throw new StackException(where + ": has no selector stage to run");
        }
        StackContext ctx = StackContext.of(species, spec.seed(), registry, null);
        Selected sel = descriptorAndSelection(spec, ctx);
        return new Selection(ctx, sel.descriptor, sel.descriptorInfo, sel.selection, Optional.ofNullable(sel.selectorInfo),
            Optional.ofNullable(sel.file));
    }

    /** What the descriptor and selector stages produced; the descriptor is the full one. */
    private record Selected(Descriptor descriptor, PluginInfo descriptorInfo, BasisSelection selection, PluginInfo selectorInfo, Path file) {
    }

    private Selected descriptorAndSelection(StackSpec spec, StackContext ctx) {
        String where = "stack " + spec.source();
        Descriptor descriptor = null;
        PluginInfo descriptorInfo = null;
        if (spec.descriptor().isPresent()) {
            StageSpec st = spec.descriptor().get();
            Plugin<DescriptorProvider> p = find(DescriptorProvider.class, st, where, "descriptor");
            descriptorInfo = p.info();
            descriptor = run(where, "descriptor", st.plugin(), () -> p.provider().create(st.parameters(), ctx));
        }
        if (spec.selector().isEmpty()) {
            return new Selected(descriptor, descriptorInfo, null, null, null);
        }
        StageSpec st = spec.selector().get();
        if (descriptor == null) {
            throw new StackException(where + ": a selector stage needs a descriptor stage");
        }
        if (st.parameters().has(FILE)) {
            Path file = selectionFile(spec, st);
            return new Selected(descriptor, descriptorInfo, SelectionFiles.read(file, where + ": selector." + FILE, st.plugin(),
                spec.descriptor().get().plugin(), descriptor.size()), null, file);
        }
        Descriptor full = descriptor;
        SelectableBasis basis = full.selectable().orElseThrow(() -> new StackException(where + ": selector '" + st.plugin()
            + "' needs a descriptor that exposes its basis as functions of primitive variables; descriptor '"
            + spec.descriptor().get().plugin() + "' does not"));
        Plugin<SelectorProvider> p = find(SelectorProvider.class, st, where, "selector");
        BasisSelection selection = run(where, "selector", st.plugin(), () -> p.provider().create(st.parameters(), ctx).select(basis));
        if (selection.basisSize() != full.size()) {
            throw new StackException(where + ": selector '" + st.plugin() + "' returned a selection for a basis of " + selection.basisSize()
                + " functions, but descriptor '" + spec.descriptor().get().plugin() + "' has " + full.size());
        }
        return new Selected(descriptor, descriptorInfo, selection, p.info(), null);
    }

    /** The {@code file} of a selector stage, resolved against the stack file's folder; no other keys are allowed beside it. */
    private static Path selectionFile(StackSpec spec, StageSpec st) {
        String where = "stack " + spec.source();
        for (String key : st.parameters().keys()) {
            if (!key.equals(FILE)) {
                throw new StackException(where + ": selector." + key + ": a selector stage that reads a precomputed selection from '"
                    + FILE + "' takes no other parameters (the file records how it was made)");
            }
        }
        String name;
        try {
            name = st.parameters().string(FILE);
        } catch (RuntimeException e) {
            throw new StackException(e.getMessage(), e);
        }
        Path file = Path.of(name);
        Path folder = spec.source().toAbsolutePath().getParent();
        return file.isAbsolute() || folder == null ? file : folder.resolve(file).normalize();
    }

    private <P extends org.atomstack.api.plugin.PluginProvider> Plugin<P> find(Class<P> type, StageSpec st, String where, String stage) {
        try {
            return registry.find(type, st.plugin(), st.version());
        } catch (RuntimeException e) {
            throw new StackException(where + ": " + stage + ": " + e.getMessage(), e);
        }
    }

    private static <T> T run(String where, String stage, String plugin, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (StackException e) {
            throw e;
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new StackException(m.startsWith("stack ") ? m : where + ": " + stage + " '" + plugin + "': " + m, e);
        }
    }
}
