package org.atomstack.api.plugin;

/** The four kinds of plugin, one per SPI. */
public enum PluginKind {
    /** Turns atomic environments into per-atom features ({@code Descriptor}). */
    DESCRIPTOR,
    /** Chooses a subset of a basis ({@code Selector}). */
    SELECTOR,
    /** Predicts energies, forces and stresses and can be trained ({@code Model}). */
    MODEL,
    /** Executes tensor operations on a device ({@code Backend}). */
    BACKEND;

    /** Lower-case name as used in stack files and the CLI ("descriptor", ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
