package org.atomstack.api.plugin;

/**
 * A plugin could not be found, loaded, configured or run: unknown id, no version in the
 * requested range, a bad stage parameter, or a failure inside the plugin. The message names
 * the plugin and the problem.
 */
public class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the plugin */
    public PluginException(String message) {
        super(message);
    }

    /** @param message what went wrong, naming the plugin; @param cause the underlying failure */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
