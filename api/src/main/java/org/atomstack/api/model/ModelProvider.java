package org.atomstack.api.model;

import java.io.IOException;
import java.nio.file.Path;
import org.atomstack.api.descriptor.Descriptor;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginKind;
import org.atomstack.api.plugin.PluginProvider;
import org.atomstack.api.stack.StackContext;

/** Entry point of a model plugin: configures trainers and loads saved models. */
public interface ModelProvider extends PluginProvider {
    @Override
    default PluginKind kind() {
        return PluginKind.MODEL;
    }

    /**
     * Configures training.
     *
     * @param parameters the model stage's parameters
     * @param descriptor the stack's descriptor stage (after any selection), or null when the
     *                   stack has none (models with their own features)
     * @param context    species, seed, registry, backend
     */
    ModelTrainer trainer(Parameters parameters, Descriptor descriptor, StackContext context);

    /**
     * Loads a model written by {@link Model#save}.
     *
     * @param directory  the directory the model wrote
     * @param parameters the parameters recorded at save time
     * @param descriptor the recreated descriptor, or null
     */
    Model load(Path directory, Parameters parameters, Descriptor descriptor, StackContext context) throws IOException;
}
