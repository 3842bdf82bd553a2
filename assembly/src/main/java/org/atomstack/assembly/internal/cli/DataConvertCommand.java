package org.atomstack.assembly.internal.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.atomstack.api.structure.Dataset;
import org.atomstack.assembly.io.DataFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atomstack data convert IN OUT}: any supported input to extended XYZ. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert a data file to extended XYZ (energies, forces, stress, cell and pbc preserved; readable by ASE). "
        + "The output is written atomically.")
public final class DataConvertCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file (.xyz/.extxyz or mlearn .json).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output extended XYZ file.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Dataset d = DataFiles.read(in);
        DataFiles.writeExtendedXyz(d, out);
        spec.commandLine().getOut().printf("wrote %d structures (%d atoms) to %s%n", d.size(), d.atomCount(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
