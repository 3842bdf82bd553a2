package org.atomstack.assembly.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atomstack.api.structure.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DataFilesTest {
    @TempDir
    Path dir;

    @Test
    void detectsFormatsByExtension() throws IOException {
        Dataset json = DataFiles.read(ExampleData.moTest());
        assertEquals("test.json", json.name());
        assertEquals("test.json#3", json.structures().get(3).name());
        Dataset xyz = DataFiles.read(ExampleData.emtSample());
        assertEquals("cunau_sample.xyz#12", xyz.structures().get(12).name());
        Path upper = dir.resolve("FRAMES.EXTXYZ");
        Files.copy(ExampleData.emtSample(), upper);
        assertEquals(40, DataFiles.read(upper).size());
    }

    @Test
    void sniffsTheContentWithoutAKnownExtension() throws IOException {
        Path json = dir.resolve("mo-records");
        Files.copy(ExampleData.moTest(), json);
        assertEquals(23, DataFiles.read(json).size());
        Path xyz = dir.resolve("frames.dat");
        Files.writeString(xyz, "\n  2\ncomment\nH 0 0 0\nH 0 0 0.74\n");
        assertEquals(2, DataFiles.read(xyz).atomCount());
    }

    @Test
    void readAllConcatenatesInOrder() throws IOException {
        Dataset d = DataFiles.readAll(List.of(ExampleData.moTest(), ExampleData.emtSample()));
        assertEquals("test.json+cunau_sample.xyz", d.name());
        assertEquals(63, d.size());
        assertEquals("test.json#22", d.structures().get(22).name());
        assertEquals("cunau_sample.xyz#0", d.structures().get(23).name());
        assertThrows(IllegalArgumentException.class, () -> DataFiles.readAll(List.of()));
    }

    @Test
    void readAllReportsTheFailingFile() throws IOException {
        Path bad = dir.resolve("bad.xyz");
        Files.writeString(bad, "1\n\nH 0 0\n");
        DataFormatException e = assertThrows(DataFormatException.class,
            () -> DataFiles.readAll(List.of(ExampleData.moTest(), bad)));
        assertEquals(bad, e.file());
    }
}
