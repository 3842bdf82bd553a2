package org.atomstack.assembly.internal.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code atomstack} command; prints usage when run without a subcommand. */
@Command(name = "atomstack", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Atomistic machine learning with pluggable bases, selectors, models and backends.",
    subcommands = {PluginsCommand.class, DataCommand.class, FitCommand.class, EvalCommand.class, StudyCommand.class, BenchCommand.class,
        SelectCommand.class, FlexibleSetCommand.class, DimerCommand.class,
        picocli.CommandLine.HelpCommand.class})
public final class AtomstackCommand implements Runnable {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
