package org.atomstack.assembly.internal.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the assembly's version from its module descriptor (or jar manifest on the class path). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Module m = AtomstackCommand.class.getModule();
        String v = m.isNamed() && m.getDescriptor() != null
            ? m.getDescriptor().rawVersion().orElse(null)
            : AtomstackCommand.class.getPackage().getImplementationVersion();
        return new String[] {"atomstack " + (v == null ? "(development build)" : v) + ", Java " + System.getProperty("java.version")};
    }
}
