package org.atomstack.assembly.internal.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code atomstack data}: inspect and convert structure data files. */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Inspect and convert structure data (extended XYZ, mlearn/pymatgen JSON).",
    subcommands = {DataStatsCommand.class, DataConvertCommand.class})
public final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
