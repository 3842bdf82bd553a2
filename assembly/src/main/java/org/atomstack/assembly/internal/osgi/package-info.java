/**
 * The OSGi plugin runtime: an embedded Apache Felix framework ({@link
 * org.atomstack.assembly.internal.osgi.FelixRuntime}) that installs plugin bundles from a folder
 * and lets them be installed, updated and removed at run time, and a live {@link
 * org.atomstack.api.plugin.PluginRegistry} over it ({@link
 * org.atomstack.assembly.internal.osgi.OsgiPluginRegistry}). The host's api packages are exported
 * from the system bundle, so every plugin bundle shares the host's api classes.
 *
 * <p>Implementation package of the assembly; not exported.
 */
package org.atomstack.assembly.internal.osgi;
