package org.atomstack.api.selection;

import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.plugin.PluginKind;
import org.atomstack.api.plugin.PluginProvider;
import org.atomstack.api.stack.StackContext;

/** Entry point of a selector plugin. */
public interface SelectorProvider extends PluginProvider {
    @Override
    default PluginKind kind() {
        return PluginKind.SELECTOR;
    }

    /** Creates a selector from its stage parameters; the context's seed makes it deterministic. */
    Selector create(Parameters parameters, StackContext context);
}
