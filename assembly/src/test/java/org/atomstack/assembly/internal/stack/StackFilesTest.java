package org.atomstack.assembly.internal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.atomstack.api.plugin.PluginRegistry;
import org.atomstack.api.plugin.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFilesTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsStagesPluginIdsVersionRangesAndParameters() throws Exception {
        StackSpec s = StackFiles.read(write("ace-Mo.yaml", """
            seed: 7
            descriptor:
              plugin: ace
              version: "[0.1,1.0)"
              cutoff: 5.5
              degree: [20, 16]
            model:
              plugin: linear
              solver: blr
            """));
        assertEquals("ace-Mo", s.name());
        assertEquals(7, s.seed());
        assertEquals("ace", s.descriptor().orElseThrow().plugin());
        assertTrue(s.descriptor().get().version().includes(Version.parse("0.5")));
        assertEquals(5.5, s.descriptor().get().parameters().number("cutoff"));
        assertEquals(2, s.descriptor().get().parameters().integers("degree", null).length);
        assertTrue(s.selector().isEmpty());
        assertEquals("blr", s.model().parameters().string("solver"));
    }

    @Test
    void parameterErrorsNameTheStackFileAndTheKeyPath() throws Exception {
        StackSpec s = StackFiles.read(write("s.yaml", "model:\n  plugin: linear\n  lambda: abc\n"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> s.model().parameters().number("lambda"));
        assertTrue(e.getMessage().contains("s.yaml: model.lambda: expected a number, got 'abc'"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        StackException e = assertThrows(StackException.class, () -> StackFiles.read(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("nope.yaml: no such file"), e.getMessage());
    }

    @Test
    void malformedYamlGivesTheLine() throws Exception {
        Path f = write("bad.yaml", "model:\n  plugin: linear\n solver: [unclosed\n");
        StackException e = assertThrows(StackException.class, () -> StackFiles.read(f));
        assertTrue(e.getMessage().contains("bad.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("line "), e.getMessage());
        assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
    }

    @Test
    void aStackWithoutAModelIsRejected() throws Exception {
        Path f = write("nomodel.yaml", "descriptor:\n  plugin: ace\n");
        StackException e = assertThrows(StackException.class, () -> StackFiles.read(f));
        assertTrue(e.getMessage().contains("nomodel.yaml: missing the 'model' section"), e.getMessage());
    }

    @Test
    void anUnknownTopLevelKeyIsRejectedListingTheAllowedOnes() throws Exception {
        Path f = write("typo.yaml", "modle:\n  plugin: linear\n");
        StackException e = assertThrows(StackException.class, () -> StackFiles.read(f));
        assertTrue(e.getMessage().contains("unknown key 'modle'"), e.getMessage());
        assertTrue(e.getMessage().contains("model"), e.getMessage());
    }

    @Test
    void aStageWithoutPluginIdIsRejected() throws Exception {
        Path f = write("noid.yaml", "model:\n  solver: blr\n");
        StackException e = assertThrows(StackException.class, () -> StackFiles.read(f));
        assertTrue(e.getMessage().contains("model.plugin: missing plugin id"), e.getMessage());
    }

    @Test
    void aBadVersionRangeIsRejectedQuotingIt() throws Exception {
        Path f = write("range.yaml", "model:\n  plugin: linear\n  version: \"[2.0,1.0)\"\n");
        StackException e = assertThrows(StackException.class, () -> StackFiles.read(f));
        assertTrue(e.getMessage().contains("model.version"), e.getMessage());
        assertTrue(e.getMessage().contains("[2.0,1.0)"), e.getMessage());
    }

    @Test
    void anUnknownPluginNamesTheStackTheStageAndTheInstalledPlugins() throws Exception {
        StackSpec s = StackFiles.read(write("unknown.yaml", "descriptor:\n  plugin: soap\nmodel:\n  plugin: linear\n"));
        StackException e = assertThrows(StackException.class, () -> new StackAssembler(PluginRegistry.of()).assemble(s, new int[] {42}, null));
        assertTrue(e.getMessage().contains("unknown.yaml: descriptor: unknown descriptor plugin 'soap'"), e.getMessage());
        assertTrue(e.getMessage().contains("installed descriptor plugins: none"), e.getMessage());
    }
}
