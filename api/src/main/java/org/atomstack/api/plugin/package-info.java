/**
 * The plugin model: self-describing providers ({@link org.atomstack.api.plugin.PluginProvider}),
 * their kinds and versions, stage parameters, and the {@link org.atomstack.api.plugin.PluginRegistry}
 * through which all code finds plugins, whatever runtime (ServiceLoader or OSGi) loaded them.
 *
 * <p>Package version 1.0.0.
 */
package org.atomstack.api.plugin;
