package org.atomstack.api.descriptor;

import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginKind;
import org.atomstack.api.plugin.PluginProvider;
import org.atomstack.api.stack.StackContext;

/** Entry point of a descriptor plugin: creates configured {@link Descriptor}s. */
public interface DescriptorProvider extends PluginProvider {
    @Override
    default PluginKind kind() {
        return PluginKind.DESCRIPTOR;
    }

    /**
     * Creates a descriptor.
     *
     * @param parameters the stage's parameters from the stack file
     * @param context    species, seed, registry, backend
     * @throws org.atomstack.api.plugin.PluginException naming the parameter when one is invalid
     */
    Descriptor create(Parameters parameters, StackContext context);
}
