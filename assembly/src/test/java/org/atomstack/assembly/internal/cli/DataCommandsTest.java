package org.atomstack.assembly.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Dataset;
import org.atomstack.assembly.io.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandsTest {
    static final Path MO_TEST = Path.of("../examples/data/zuo2020-Mo/test.json");

    @Test
    void statsOfTheEmbeddedMoTestSetReportCountsSpeciesAndNeighbours() {
        CliHarness.Result r = CliHarness.run(PluginRegistry.of(), "data", "stats", MO_TEST.toString(), "--cutoff", "5");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("structures            23"), r.out());
        assertTrue(r.out().contains("atoms                 1189"), r.out());
        assertTrue(r.out().contains("species               Mo 1189"), r.out());
        assertTrue(r.out().contains("neighbours per atom   mean"), r.out());
        assertTrue(r.out().contains("(cutoff 5.00 Å)"), r.out());
    }

    @Test
    void statsOfSeveralFilesAddATotal() {
        CliHarness.Result r = CliHarness.run(PluginRegistry.of(), "data", "stats", MO_TEST.toString(), MO_TEST.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"name\" : \"total\""), r.out());
        assertTrue(r.out().contains("\"atoms\" : 2378"), r.out());
    }

    @Test
    void statsRejectsANonPositiveCutoffAsUsageError() {
        CliHarness.Result r = CliHarness.run(PluginRegistry.of(), "data", "stats", MO_TEST.toString(), "--cutoff", "-1");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--cutoff must be a positive number"), r.err());
    }

    @Test
    void aMissingFileIsNamedInTheError() {
        CliHarness.Result r = CliHarness.run(PluginRegistry.of(), "data", "stats", "nope/missing.json");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("missing.json"), r.err());
    }

    @Test
    void convertWritesExtendedXyzThatReadsBackIdentically(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("mo.xyz");
        CliHarness.Result r = CliHarness.run(PluginRegistry.of(), "data", "convert", MO_TEST.toString(), out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("wrote 23 structures (1189 atoms)"), r.out());
        Dataset a = DataFiles.read(MO_TEST);
        Dataset b = DataFiles.read(out);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.structures().get(i).withName("x"), b.structures().get(i).withName("x"), "structure " + i);
        }
        assertTrue(Files.size(out) > 0);
    }
}
