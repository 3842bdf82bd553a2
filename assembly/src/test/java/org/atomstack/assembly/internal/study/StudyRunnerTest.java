package org.atomstack.assembly.internal.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.assembly.fixtures.PairSumDescriptorProvider;
import org.atomstack.assembly.fixtures.RidgeEnergyModelProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study runner with small test-only plugins on the embedded Mo data. */
class StudyRunnerTest {
    static final PluginRegistry REGISTRY = PluginRegistry.of(new PairSumDescriptorProvider(), new RidgeEnergyModelProvider());
    static final Path MO = Path.of("../examples/data/zuo2020-Mo").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    Path study(String extra) throws Exception {
        Path f = tmp.resolve("study.yaml");
        Files.writeString(f, """
            name: pair-sums
            seed: 5
            stacks:
              - name: small
                descriptor: {plugin: pair-sum, count: 3}
                model: {plugin: ridge-energy}
              - name: large
                descriptor: {plugin: pair-sum, count: 6}
                model: {plugin: ridge-energy}
            datasets:
              - name: Mo
                train: %s/training.json
                test: %s/test.json
            sizes: [0.25, 0.5]
            repeats: 2
            parallel: 2
            parity: [large]
            """.formatted(MO, MO) + extra);
        return f;
    }

    StudyRunner.Summary run(Path studyFile, Path out) throws Exception {
        return new StudyRunner(REGISTRY, null).run(StudyFiles.read(studyFile), out, new PrintWriter(new StringWriter()));
    }

    @Test
    void twoStacksSawIdenticalTrainingSubsetsAndRepeatsDiffer() throws Exception {
        Path out = tmp.resolve("out");
        StudyRunner.Summary s = run(study(""), out);
        assertEquals(8, s.total());
        assertEquals(8, s.finished());
        ObjectMapper json = new ObjectMapper();
        for (String n : List.of("n49", "n97")) {
            JsonNode a0 = json.readTree(out.resolve("cells/small/Mo/" + n + "/r0/subset.json").toFile()).get("structures");
            JsonNode b0 = json.readTree(out.resolve("cells/large/Mo/" + n + "/r0/subset.json").toFile()).get("structures");
            JsonNode a1 = json.readTree(out.resolve("cells/small/Mo/" + n + "/r1/subset.json").toFile()).get("structures");
            JsonNode b1 = json.readTree(out.resolve("cells/large/Mo/" + n + "/r1/subset.json").toFile()).get("structures");
            assertEquals(a0, b0, "both stacks must train on the same structures for " + n + " repeat 0");
            assertEquals(a1, b1, "both stacks must train on the same structures for " + n + " repeat 1");
            assertNotEquals(a0, a1, "repeats must draw different subsets");
        }
    }

    @Test
    void producesTheTableInThreeFormatsAndThePlots() throws Exception {
        Path out = tmp.resolve("out");
        run(study(""), out);
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| small | Mo | 49 | 2 |"), md);
        assertTrue(md.contains("test force MAE (eV/Å)"), md);
        assertTrue(md.contains(" ± "), "two repeats on different subsets give a spread: " + md);
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(5, csv.size());
        assertTrue(csv.get(0).startsWith("stack,dataset,train_structures,repeats,failed,energy_mae_mean,energy_mae_std"), csv.get(0));
        JsonNode rows = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("rows");
        assertEquals(4, rows.size());
        for (String png : List.of("learning-curve-force_mae-Mo.png", "learning-curve-energy_mae-Mo.png", "error-vs-basis-Mo.png", "parity-large-Mo.png")) {
            byte[] b = Files.readAllBytes(out.resolve("plots").resolve(png));
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png + " must be a PNG");
        }
    }

    @Test
    void cellsKeepTheirModelsOnlyWhenAskedTo() throws Exception {
        Path plain = tmp.resolve("plain");
        run(study(""), plain);
        assertFalse(Files.exists(plain.resolve("cells/small/Mo/n49/r0/model")));
        Path kept = tmp.resolve("kept");
        run(study("save_models: true\n"), kept);
        assertTrue(Files.isRegularFile(kept.resolve("cells/small/Mo/n49/r0/model/manifest.json")));
        assertTrue(Files.isRegularFile(kept.resolve("cells/large/Mo/n97/r1/model/manifest.json")));
    }

    @Test
    void resumesWithoutRedoingOrTouchingFinishedCells() throws Exception {
        Path out = tmp.resolve("out");
        Path file = study("");
        run(file, out);
        Path finished = out.resolve("cells/small/Mo/n49/r0/metrics.json");
        FileTime before = Files.getLastModifiedTime(finished);
        String content = Files.readString(finished);
        Path interrupted = out.resolve("cells/large/Mo/n97/r1/metrics.json");
        Files.delete(interrupted);
        StudyRunner.Summary again = run(file, out);
        assertEquals(7, again.skipped());
        assertEquals(1, again.finished());
        assertTrue(Files.exists(interrupted));
        assertEquals(before, Files.getLastModifiedTime(finished));
        assertEquals(content, Files.readString(finished));
    }

    @Test
    void aCellRunAgainClearsWhatAKilledRunsAtomicWritesLeftBehind() throws Exception {
        Path out = tmp.resolve("out");
        Path file = study("");
        run(file, out);
        Path cell = out.resolve("cells/large/Mo/n97/r1");
        Files.delete(cell.resolve("metrics.json"));
        // what a run killed while writing subset.json and saving a model leaves: temporary siblings
        Path tmpFile = Files.writeString(cell.resolve(".subset.json.0b1c.tmp"), "{\"dataset\": ");
        Path tmpDir = Files.createDirectories(cell.resolve(".model.9f2e.tmp/nested"));
        Path hidden = Files.writeString(cell.resolve(".keep"), "not a temporary file");
        StudyRunner.Summary again = run(file, out);
        assertEquals(1, again.finished());
        assertFalse(Files.exists(tmpFile));
        assertFalse(Files.exists(tmpDir.getParent()));
        assertTrue(Files.exists(hidden));
        assertTrue(Files.exists(cell.resolve("metrics.json")));
    }

    @Test
    void aFailingStackIsRecordedWithItsCauseAndTheStudyGoesOn() throws Exception {
        Path out = tmp.resolve("out");
        Path f = tmp.resolve("failing.yaml");
        Files.writeString(f, """
            stacks:
              - name: ok
                descriptor: {plugin: pair-sum}
                model: {plugin: ridge-energy}
              - name: broken
                descriptor: {plugin: pair-sum}
                model: {plugin: ridge-energy, fail: true}
            datasets:
              - {name: Mo, train: %s/training.json, test: %s/test.json}
            sizes: [20]
            """.formatted(MO, MO));
        StudyRunner.Summary s = run(f, out);
        assertEquals(1, s.finished());
        assertEquals(1, s.failed().size());
        assertTrue(s.failed().get(0).startsWith("broken/Mo/n20/r0: "), s.failed().get(0));
        assertTrue(s.failed().get(0).contains("deliberate failure"), s.failed().get(0));
        JsonNode error = new ObjectMapper().readTree(out.resolve("cells/broken/Mo/n20/r0/error.json").toFile());
        assertEquals("broken/Mo/n20/r0", error.get("cell").asText());
        assertTrue(error.get("message").asText().contains("model 'ridge-energy': training on"), error.toString());
        assertTrue(error.get("message").asText().contains("failed: deliberate failure"), error.toString());
        assertTrue(error.get("study").asText().endsWith("failing.yaml"));
        assertTrue(Files.exists(out.resolve("cells/ok/Mo/n20/r0/metrics.json")));
        assertTrue(Files.readString(out.resolve("results.md")).contains("(+1 failed)"));
    }

    @Test
    void anUnknownPluginIsReportedBeforeAnythingRunsNamingStudyAndStack() throws Exception {
        Path f = tmp.resolve("unknown.yaml");
        Files.writeString(f, """
            stacks:
              - name: soapy
                descriptor: {plugin: soap}
                model: {plugin: ridge-energy}
            datasets:
              - {name: Mo, train: %s/training.json, test: %s/test.json}
            """.formatted(MO, MO));
        StudyException e = assertThrows(StudyException.class, () -> run(f, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("unknown.yaml: stack 'soapy'"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown descriptor plugin 'soap'"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out/cells")));
    }

    @Test
    void badStudyFilesGiveErrorsNamingTheStudyAndTheProblem() throws Exception {
        Path missing = tmp.resolve("missing.yaml");
        Files.writeString(missing, "stacks:\n  - {name: a, model: {plugin: ridge-energy}}\ndatasets:\n  - {name: X, train: nowhere.json, test: nowhere.json}\n");
        StudyException e1 = assertThrows(StudyException.class, () -> StudyFiles.read(missing));
        assertTrue(e1.getMessage().contains("missing.yaml: datasets[0].train: no such file"), e1.getMessage());

        Path malformed = tmp.resolve("malformed.yaml");
        Files.writeString(malformed, "stacks: [\n  - a\n");
        StudyException e2 = assertThrows(StudyException.class, () -> StudyFiles.read(malformed));
        assertTrue(e2.getMessage().contains("malformed.yaml") && e2.getMessage().contains("malformed YAML"), e2.getMessage());

        Path badStack = tmp.resolve("badstack.yaml");
        Files.writeString(badStack, "stacks:\n  - file: nope.yaml\ndatasets:\n  - {name: X, train: %s/training.json, test: %s/test.json}\n".formatted(MO, MO));
        StudyException e3 = assertThrows(StudyException.class, () -> StudyFiles.read(badStack));
        assertTrue(e3.getMessage().contains("badstack.yaml: stacks[0]: stack ") && e3.getMessage().contains("nope.yaml: no such file"), e3.getMessage());

        Path dup = tmp.resolve("dup.yaml");
        Files.writeString(dup, "stacks:\n  - {name: a, model: {plugin: x}}\n  - {name: a, model: {plugin: y}}\ndatasets: []\n");
        StudyException e4 = assertThrows(StudyException.class, () -> StudyFiles.read(dup));
        assertTrue(e4.getMessage().contains("duplicate stack name 'a'"), e4.getMessage());
    }

    @Test
    void reportRebuildsTheTableFromFinishedCells() throws Exception {
        Path out = tmp.resolve("out");
        run(study(""), out);
        String before = Files.readString(out.resolve("results.md"));
        Files.delete(out.resolve("results.md"));
        Files.delete(out.resolve("results.csv"));
        List<StudyReport.Row> rows = StudyReport.write(out);
        assertEquals(4, rows.size());
        assertEquals(before, Files.readString(out.resolve("results.md")));
    }
}
