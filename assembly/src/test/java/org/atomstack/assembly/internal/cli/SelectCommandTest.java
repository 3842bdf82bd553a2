package org.atomstack.assembly.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.structure.Dataset;
import org.atomstack.assembly.io.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code atomstack select} and selector stages that read its file, with the real ace, langbein and
 * linear plugins (ServiceLoader), end to end through {@code fit} and {@code eval}.
 */
class SelectCommandTest {
    static final PluginRegistry REGISTRY = PluginRegistry.serviceLoader(SelectCommandTest.class.getClassLoader());
    static final Path MO = Path.of("../examples/data/zuo2020-Mo");
    static final String DESCRIPTOR = "descriptor: {plugin: ace, cutoff: 5.0, order: 3, degree: [10, 8, 6]}\n";
    static final String MODEL = "model: {plugin: linear, solver: blr, weights: {energy: 100, forces: 1, stress: 1}}\n";

    @TempDir
    Path tmp;

    Path stack(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void selectWritesTheSelectionAndAStackFitsWithItFromTheFile() throws Exception {
        Path s = stack("lb.yaml", "name: lb\nseed: 3\n" + DESCRIPTOR + "selector: {plugin: langbein, samples: 4}\n" + MODEL);
        Path sel = tmp.resolve("sel.json");
        CliHarness.Result r = CliHarness.run(REGISTRY, "select", "--stack", s.toString(), "--species", "Mo", "--out", sel.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("selector 'langbein' kept"), r.out());
        JsonNode doc = new ObjectMapper().readTree(sel.toFile());
        assertEquals("ace", doc.get("descriptor").get("plugin").asText());
        assertEquals(4, doc.get("selector").get("parameters").get("samples").asInt());
        JsonNode selection = doc.get("selection");
        int full = doc.get("descriptor").get("size").asInt();
        int kept = selection.get("indices").size();
        assertEquals(full, selection.get("basis_size").asInt());
        assertEquals(kept, doc.get("selected").asInt());
        assertTrue(kept > 0 && kept < full / 2, kept + " of " + full);
        assertEquals(4, selection.get("sample_ranks").size());
        assertEquals(3, selection.get("seed").asInt());

        // A second run is identical (deterministic for the stack's seed).
        Path again = tmp.resolve("again.json");
        assertEquals(0, CliHarness.run(REGISTRY, "select", "--stack", s.toString(), "--species", "Mo", "--out", again.toString()).status());
        assertEquals(selection, new ObjectMapper().readTree(again.toFile()).get("selection"));

        // The stack that reads the file (relative to the stack's folder) fits with exactly that subset; eval reloads it.
        Path fromFile = stack("from-file.yaml", "name: from-file\n" + DESCRIPTOR + "selector: {plugin: langbein, file: sel.json}\n" + MODEL);
        Dataset d = DataFiles.read(MO.resolve("training.json")).randomSubset(30, 5);
        Path train = tmp.resolve("train.xyz");
        DataFiles.writeExtendedXyz(d, train);
        Path out = tmp.resolve("fit");
        CliHarness.Result f = CliHarness.run(REGISTRY, "fit", "--stack", fromFile.toString(), "--train", train.toString(), "--test",
            MO.resolve("test.json").toString(), "--out", out.toString());
        assertEquals(0, f.status(), f.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(kept, m.get("basis_size").asInt());
        assertEquals(full, m.get("full_basis_size").asInt());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("model/manifest.json").toFile());
        assertEquals(selection.get("indices"), manifest.get("selection").get("indices"));
        CliHarness.Result e = CliHarness.run(REGISTRY, "eval", "--model", out.toString(), "--data", MO.resolve("test.json").toString(),
            "--metrics", tmp.resolve("eval.json").toString());
        assertEquals(0, e.status(), e.err());
        assertEquals(m.get("test").get("forceMae").asDouble(), new ObjectMapper().readTree(tmp.resolve("eval.json").toFile()).get("forceMae").asDouble(),
            0.0);

        // Running the selector inside the fit gives the same model size.
        Path inline = tmp.resolve("fit-inline");
        assertEquals(0, CliHarness.run(REGISTRY, "fit", "--stack", s.toString(), "--train", train.toString(), "--out", inline.toString()).status());
        assertEquals(kept, new ObjectMapper().readTree(inline.resolve("metrics.json").toFile()).get("basis_size").asInt());
    }

    @Test
    void theDescriptorStagesSpeciesIsTheDefault() throws Exception {
        Path s = stack("lb.yaml", "descriptor: {plugin: ace, cutoff: 5.0, order: 2, degree: [8, 6], species: [Mo]}\n"
            + "selector: {plugin: langbein, samples: 2}\n" + MODEL);
        CliHarness.Result r = CliHarness.run(REGISTRY, "select", "--stack", s.toString(), "--out", tmp.resolve("s.json").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(new ObjectMapper().readTree(tmp.resolve("s.json").toFile()).get("descriptor").get("species").toString().contains("Mo"));
    }

    @Test
    void withoutSpeciesOrSelectorStageItSaysWhatIsMissing() throws Exception {
        Path noSpecies = stack("a.yaml", DESCRIPTOR + "selector: {plugin: langbein}\n" + MODEL);
        CliHarness.Result r = CliHarness.run(REGISTRY, "select", "--stack", noSpecies.toString(), "--out", tmp.resolve("x.json").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("give --species"), r.err());
        Path noSelector = stack("b.yaml", DESCRIPTOR + MODEL);
        r = CliHarness.run(REGISTRY, "select", "--stack", noSelector.toString(), "--species", "Mo", "--out", tmp.resolve("x.json").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("b.yaml: has no selector stage"), r.err());
        r = CliHarness.run(REGISTRY, "select", "--stack", noSelector.toString(), "--species", "Qq", "--out", tmp.resolve("x.json").toString());
        assertTrue(r.err().contains("--species: 'Qq' is not an element symbol"), r.err());
        assertFalse(Files.exists(tmp.resolve("x.json")));
    }

    @Test
    void aSelectionFileIsCheckedAgainstTheStage() throws Exception {
        Path s = stack("lb.yaml", DESCRIPTOR + "selector: {plugin: langbein, samples: 2}\n" + MODEL);
        assertEquals(0, CliHarness.run(REGISTRY, "select", "--stack", s.toString(), "--species", "Mo", "--out", tmp.resolve("sel.json").toString())
            .status());
        Path train = tmp.resolve("train.xyz");
        DataFiles.writeExtendedXyz(DataFiles.read(MO.resolve("training.json")).randomSubset(3, 1), train);

        String other = "descriptor: {plugin: ace, cutoff: 5.0, order: 3, degree: [11, 8, 6]}\n";
        assertFitFails(stack("size.yaml", other + "selector: {plugin: langbein, file: sel.json}\n" + MODEL), train,
            "size.yaml: selector.file: '", "sel.json' selects from a basis of");
        assertFitFails(stack("sel.yaml", DESCRIPTOR + "selector: {plugin: other, file: sel.json}\n" + MODEL), train,
            "sel.yaml: selector.file: '", "was made by selector 'langbein', but the stage names 'other'");
        assertFitFails(stack("desc.yaml", "descriptor: {plugin: cartesian}\nselector: {plugin: langbein, file: sel.json}\n" + MODEL), train,
            "desc.yaml: selector.file: '", "was made for descriptor 'ace', but the stack's descriptor is 'cartesian'");
        assertFitFails(stack("extra.yaml", DESCRIPTOR + "selector: {plugin: langbein, samples: 3, file: sel.json}\n" + MODEL), train,
            "extra.yaml: selector.samples: a selector stage that reads a precomputed selection", "takes no other parameters");
        assertFitFails(stack("missing.yaml", DESCRIPTOR + "selector: {plugin: langbein, file: nope.json}\n" + MODEL), train,
            "missing.yaml: selector.file: no such file", "nope.json");
    }

    void assertFitFails(Path stack, Path train, String... expected) {
        CliHarness.Result r = CliHarness.run(REGISTRY, "fit", "--stack", stack.toString(), "--train", train.toString(), "--out",
            tmp.resolve("never").toString());
        assertEquals(1, r.status(), r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r.err());
        }
    }
}
