package org.atomstack.assembly.internal.wiring;

/** Which plugin runtime loads plugins. */
public enum Runtime {
    /** {@link java.util.ServiceLoader} over the module path / class path (default). */
    SERVICELOADER,
    /** An embedded Apache Felix framework installing bundles from a plugins folder. */
    OSGI
}
