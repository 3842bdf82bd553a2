package org.atomstack.assembly.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Structure;
import org.atomstack.assembly.io.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atomstack fit} and {@code eval} with the real ace and linear plugins (found by ServiceLoader). */
class FitEvalTest {
    static final PluginRegistry REGISTRY = PluginRegistry.serviceLoader(FitEvalTest.class.getClassLoader());
    static final Path STACK = Path.of("src/test/resources/stacks/ace-tiny.yaml");
    static final Path MO = Path.of("../examples/data/zuo2020-Mo");

    @TempDir
    Path tmp;

    Path subset(int n) throws Exception {
        Dataset d = DataFiles.read(MO.resolve("training.json")).randomSubset(n, 3);
        Path f = tmp.resolve("train.xyz");
        DataFiles.writeExtendedXyz(d, f);
        return f;
    }

    @Test
    void fitWritesMetricsAndAModelThatEvalReloadsAndPredictsIdentically() throws Exception {
        Path out = tmp.resolve("fit");
        CliHarness.Result r = CliHarness.run(REGISTRY, "fit", "--stack", STACK.toString(), "--train", subset(40).toString(),
            "--test", MO.resolve("test.json").toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("using backend cpu"), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals("ace-tiny", m.get("stack").asText());
        assertTrue(m.get("descriptor").asText().startsWith("ace@"));
        assertTrue(m.get("model").asText().startsWith("linear@"));
        assertTrue(m.get("basis_size").asInt() > 5);
        assertEquals(m.get("basis_size").asInt() + 1, m.get("parameter_count").asInt(), "one E0 per species plus one coefficient per function");
        for (String set : new String[] {"train", "test"}) {
            JsonNode e = m.get(set);
            assertTrue(e.get("energyMaeMeVPerAtom").asDouble() > 0 && e.get("energyMaeMeVPerAtom").asDouble() < 100, e.toString());
            assertTrue(e.get("forceMae").asDouble() > 0 && e.get("forceMae").asDouble() < 0.6, e.toString());
            assertTrue(e.get("stressMaeGPa").asDouble() > 0, e.toString());
        }
        JsonNode surface = m.get("test_by_config_type").get("Surface");
        assertEquals(2, surface.get("structures").asInt());
        assertEquals(58, surface.get("atoms").asInt());
        assertTrue(r.out().contains("by config type:"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("model/manifest.json")));

        Path pred = tmp.resolve("pred.xyz");
        Path evalMetrics = tmp.resolve("eval.json");
        Path perStructure = tmp.resolve("per-structure.csv");
        CliHarness.Result e = CliHarness.run(REGISTRY, "eval", "--model", out.toString(), "--data", MO.resolve("test.json").toString(),
            "--predictions", pred.toString(), "--metrics", evalMetrics.toString(), "--per-structure", perStructure.toString());
        assertEquals(0, e.status(), e.err());
        JsonNode em = new ObjectMapper().readTree(evalMetrics.toFile());
        for (String k : new String[] {"energyMaeMeVPerAtom", "forceMae", "forceRmse", "stressMaeGPa"}) {
            assertEquals(m.get("test").get(k).asDouble(), em.get(k).asDouble(), 0.0, k + " must be identical after reloading the model");
        }
        assertPerStructureErrorsAddUp(perStructure, em, e.out());
        Dataset predicted = DataFiles.read(pred);
        assertEquals(23, predicted.size());
        Structure p0 = predicted.structures().get(0);
        assertTrue(p0.labels().energy().isPresent() && p0.labels().hasForces() && p0.labels().stress().isPresent());
    }

    /**
     * The per-structure CSV has one row per test structure, in order; its errors average to the
     * overall metrics, and the per-config-type table covers the Zuo groups.
     */
    static void assertPerStructureErrorsAddUp(Path csv, JsonNode metrics, String out) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            it.forEachRemaining(rows::add);
        }
        assertEquals(23, rows.size());
        assertEquals(List.of("index", "name", "config_type", "atoms", "energy_error_meV_per_atom", "force_mae_eV_per_A",
            "force_max_error_eV_per_A"), List.copyOf(rows.get(0).keySet()));
        assertEquals("test.json#22", rows.get(22).get("name"));
        double eAbs = 0;
        double fAbs = 0;
        long components = 0;
        Map<String, Integer> groups = new TreeMap<>();
        for (Map<String, String> r : rows) {
            eAbs += Math.abs(Double.parseDouble(r.get("energy_error_meV_per_atom")));
            int atoms = Integer.parseInt(r.get("atoms"));
            double fMae = Double.parseDouble(r.get("force_mae_eV_per_A"));
            assertTrue(Double.parseDouble(r.get("force_max_error_eV_per_A")) >= fMae, r.toString());
            fAbs += fMae * 3 * atoms;
            components += 3L * atoms;
            groups.merge(r.get("config_type"), 1, Integer::sum);
        }
        assertEquals(metrics.get("energyMaeMeVPerAtom").asDouble(), eAbs / rows.size(), 1e-9);
        assertEquals(metrics.get("forceMae").asDouble(), fAbs / components, 1e-9);
        assertEquals(Map.of("AIMD-NVT", 12, "Elastic", 6, "Vacancy", 3, "Surface", 2), groups);
        assertTrue(out.contains("by config type:"), out);
        for (String g : groups.keySet()) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(g + " ")), g + " row in\n" + out);
        }
        assertTrue(out.contains("largest energy error: "), out);
    }

    @Test
    void metricsRecordTheTrainersLastReportsAndAWallLimitStopsTraining() throws Exception {
        Path hip = Path.of("src/test/resources/stacks/hipnn-tiny.yaml");
        Path full = tmp.resolve("full");
        CliHarness.Result r = CliHarness.run(REGISTRY, "fit", "--stack", hip.toString(), "--train", subset(6).toString(), "--out", full.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode t = new ObjectMapper().readTree(full.resolve("metrics.json").toFile()).get("training");
        assertEquals(false, t.get("stopped_at_wall_limit").asBoolean());
        assertEquals(3, t.get("last").get("train_loss").get("step").asInt(), t.toString());
        assertTrue(t.get("last").get("train_structures_per_second").get("value").asDouble() > 0, t.toString());

        Path cut = tmp.resolve("cut");
        CliHarness.Result c = CliHarness.run(REGISTRY, "fit", "--stack", hip.toString(), "--train", subset(6).toString(), "--out", cut.toString(),
            "--wall-seconds", "1e-6");
        assertEquals(0, c.status(), c.err());
        JsonNode m = new ObjectMapper().readTree(cut.resolve("metrics.json").toFile());
        assertEquals(true, m.get("training").get("stopped_at_wall_limit").asBoolean(), m.toString());
        JsonNode loss = m.get("training").get("last").get("train_loss");
        assertTrue(loss == null || loss.get("step").asInt() <= 1, m.toString());
        assertTrue(Double.isFinite(m.get("train").get("forceMae").asDouble()), "a stopped fit is still evaluated");
        assertTrue(Files.isRegularFile(cut.resolve("model/manifest.json")), "and saved");
    }

    @Test
    void aTestSetWithASpeciesTheTrainingSetLacksIsRejectedByName() throws Exception {
        CliHarness.Result r = CliHarness.run(REGISTRY, "fit", "--stack", STACK.toString(), "--train", subset(5).toString(),
            "--test", "../examples/data/emt-cunau/cunau_sample.xyz", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("absent from training set"), r.err());
        assertTrue(r.err().contains("Cu"), r.err());
        assertTrue(!Files.exists(tmp.resolve("x/metrics.json")));
    }

    @Test
    void aBadStackParameterNamesTheFileAndTheKey() throws Exception {
        Path stack = tmp.resolve("bad.yaml");
        Files.writeString(stack, "descriptor: {plugin: ace, cutoff: 5.0, order: 2, degree: [8, 6], wl: 1.5}\nmodel: {plugin: linear}\n");
        CliHarness.Result r = CliHarness.run(REGISTRY, "fit", "--stack", stack.toString(), "--train", subset(5).toString(), "--out", tmp.resolve("y").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("bad.yaml"), r.err());
        assertTrue(r.err().contains("descriptor.wl"), r.err());
    }

    @Test
    void evalOfADirectoryThatIsNoModelSaysSo() {
        CliHarness.Result r = CliHarness.run(REGISTRY, "eval", "--model", tmp.toString(), "--data", MO.resolve("test.json").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("not an atomstack model directory"), r.err());
    }
}
