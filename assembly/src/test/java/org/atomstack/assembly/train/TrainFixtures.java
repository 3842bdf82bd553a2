package org.atomstack.assembly.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.backend.BackendProvider;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Structure;
import org.atomstack.assembly.io.DataFiles;

/** The CPU backend found through the plugin registry, and the Mo example data. */
final class TrainFixtures {
    /** Atomic number of Mo. */
    static final int MO = 42;

    private TrainFixtures() {
    }

    /** A new CPU backend (ServiceLoader discovery, as the application does); the caller closes it. */
    static Backend cpu() {
        return PluginRegistry.serviceLoader(TrainFixtures.class.getClassLoader()).find(BackendProvider.class, "cpu").provider().open();
    }

    /** {@code examples/data/zuo2020-Mo/<name>}, read with the project's reader. */
    static Dataset mo(String name) {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path file = dir.resolve("examples").resolve("data").resolve("zuo2020-Mo").resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return DataFiles.read(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("examples/data/zuo2020-Mo/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Mean reference energy per atom of a dataset, eV. */
    static double meanEnergyPerAtom(Dataset d) {
        double sum = 0;
        int n = 0;
        for (Structure s : d.structures()) {
            if (s.labels().energy().isPresent()) {
                sum += s.labels().energy().getAsDouble() / s.atomCount();
                n++;
            }
        }
        return sum / n;
    }
}
