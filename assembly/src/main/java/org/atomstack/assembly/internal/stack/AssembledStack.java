package org.atomstack.assembly.internal.stack;

import java.util.Optional;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.model.ModelProvider;
import org.atomstack.api.model.ModelTrainer;
import org.atomstack.api.plugin.Plugin;
import org.atomstack.api.plugin.PluginInfo;
import org.atomstack.api.selection.BasisSelection;
import org.atomstack.api.stack.StackContext;

/**
 * A stack built from its spec: the context, the descriptor (after any selection), the
 * selection, and the configured model trainer, with the plugins that made them.
 *
 * @param spec       the stack file
 * @param context    species, seed, registry, backend
 * @param descriptor the descriptor, if the stack has one (restricted by the selection, if any)
 * @param descriptorPlugin the descriptor plugin, if any
 * @param selection  the selection applied, if any
 * @param model      the model plugin
 * @param trainer    the configured trainer
 */
public record AssembledStack(StackSpec spec, StackContext context, Optional<Descriptor> descriptor,
                             Optional<PluginInfo> descriptorPlugin, Optional<BasisSelection> selection,
                             Plugin<ModelProvider> model, ModelTrainer trainer) {
}
