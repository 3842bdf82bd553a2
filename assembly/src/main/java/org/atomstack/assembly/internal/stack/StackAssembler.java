package org.atomstack.assembly.internal.stack;

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
 */
public final class StackAssembler {
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
        Descriptor descriptor = null;
        PluginInfo descriptorInfo = null;
        BasisSelection selection = null;
        if (spec.descriptor().isPresent()) {
            StageSpec st = spec.descriptor().get();
            Plugin<DescriptorProvider> p = find(DescriptorProvider.class, st, where, "descriptor");
            descriptorInfo = p.info();
            descriptor = run(where, "descriptor", st.plugin(), () -> p.provider().create(st.parameters(), ctx));
        }
        if (spec.selector().isPresent()) {
            StageSpec st = spec.selector().get();
            if (descriptor == null) {
                throw new StackException(where + ": a selector stage needs a descriptor stage");
            }
            Descriptor full = descriptor;
            SelectableBasis basis = full.selectable().orElseThrow(() -> new StackException(where + ": selector '" + st.plugin()
                + "' needs a descriptor that exposes its basis as functions of primitive variables; descriptor '"
                + spec.descriptor().get().plugin() + "' does not"));
            Plugin<SelectorProvider> p = find(SelectorProvider.class, st, where, "selector");
            selection = run(where, "selector", st.plugin(), () -> p.provider().create(st.parameters(), ctx).select(basis));
            BasisSelection chosen = selection;
            descriptor = run(where, "selector", st.plugin(), () -> full.restrict(chosen));
        }
        StageSpec ms = spec.model();
        Plugin<ModelProvider> model = find(ModelProvider.class, ms, where, "model");
        Descriptor d = descriptor;
        ModelTrainer trainer = run(where, "model", ms.plugin(), () -> model.provider().trainer(ms.parameters(), d, ctx));
        return new AssembledStack(spec, ctx, Optional.ofNullable(descriptor), Optional.ofNullable(descriptorInfo),
            Optional.ofNullable(selection), model, trainer);
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
