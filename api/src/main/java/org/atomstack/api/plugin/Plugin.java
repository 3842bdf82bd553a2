package org.atomstack.api.plugin;

/**
 * A discovered plugin: its metadata and its provider instance.
 *
 * @param <P>      provider type
 * @param info     metadata
 * @param provider the provider
 */
public record Plugin<P extends PluginProvider>(PluginInfo info, P provider) {
}
