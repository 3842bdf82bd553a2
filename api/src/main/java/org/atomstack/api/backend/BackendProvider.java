package org.atomstack.api.backend;

import org.atomstack.api.plugin.PluginKind;
import org.atomstack.api.plugin.PluginProvider;

/** Entry point of a backend plugin. */
public interface BackendProvider extends PluginProvider {
    @Override
    default PluginKind kind() {
        return PluginKind.BACKEND;
    }

    /** Whether the backend can run here; must be cheap and must not throw. */
    Availability availability();

    /**
     * Preference among available backends for {@code --backend auto}: higher wins
     * (cpu 0, accelerators above).
     */
    default int priority() {
        return 0;
    }

    /**
     * Opens the backend.
     *
     * @throws IllegalStateException with the reason when it is not available
     */
    Backend open();
}
