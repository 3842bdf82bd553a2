package org.atomstack.assembly.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atomstack.api.backend.Availability;
import org.atomstack.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

class PluginsCommandTest {
    @Test
    void saysClearlyWhenNoPluginsAreInstalled() {
        CliHarness.Result r = CliHarness.run(PluginRegistry.of(), "plugins");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("No plugins found"), r.out());
    }

    @Test
    void listsKindIdVersionStatusAndOriginOfEachPlugin() {
        PluginRegistry reg = PluginRegistry.of(
            FakeBackends.backend("gpu", 10, Availability.unavailable("no CUDA driver (libcuda.so.1 not found)")),
            FakeBackends.backend("cpu", 0, Availability.on("2 CPU threads")));
        CliHarness.Result r = CliHarness.run(reg, "plugins");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("KIND"), r.out());
        assertTrue(r.out().contains("backend  cpu"), r.out());
        assertTrue(r.out().contains("available (2 CPU threads)"), r.out());
        assertTrue(r.out().contains("unavailable: no CUDA driver (libcuda.so.1 not found)"), r.out());
        String gpuRow = r.out().lines().filter(l -> l.startsWith("backend  gpu")).findFirst().orElseThrow();
        assertTrue(gpuRow.contains("unavailable [1]") && !gpuRow.contains("libcuda"),
            "a long reason is footnoted below the table, not stretching the column: " + r.out());
    }

    @Test
    void printsJsonWithRuntimePluginsAndProblems() {
        CliHarness.Result r = CliHarness.run(PluginRegistry.of(FakeBackends.backend("cpu", 0, Availability.on("2 CPU threads"))),
            "plugins", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"plugins\""), r.out());
        assertTrue(r.out().contains("\"id\" : \"cpu\""), r.out());
        assertTrue(r.out().contains("\"problems\""), r.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"plugins", "--help"}, {"data", "--help"}, {"data", "stats", "--help"},
            {"data", "convert", "--help"}, {"bench", "--help"}, {"fit", "--help"}, {"eval", "--help"}}) {
            CliHarness.Result r = CliHarness.run(PluginRegistry.of(), args);
            assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().contains("Usage:"), String.join(" ", args) + ": " + r.out());
        }
    }

    @Test
    void rejectsAnUnknownRuntimeWithUsageStatus() {
        CliHarness.Result r = CliHarness.run(PluginRegistry.of(), "plugins", "--runtime", "spring");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("'spring' is not a runtime"), r.err());
    }
}
