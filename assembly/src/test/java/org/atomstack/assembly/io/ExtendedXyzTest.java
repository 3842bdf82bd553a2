package org.atomstack.assembly.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Labels;
import org.atomstack.api.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtendedXyzTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Structure single(String text) throws IOException {
        Dataset d = ExtendedXyz.read(write("one.xyz", text));
        assertEquals(1, d.size());
        return d.structures().get(0);
    }

    @Test
    void readsTheEmtSample() throws IOException {
        Dataset d = ExtendedXyz.read(ExampleData.emtSample());
        assertEquals("cunau_sample.xyz", d.name());
        assertEquals(40, d.size());
        Structure s = d.structures().get(0);
        assertEquals("cunau_sample.xyz#0", s.name());
        assertEquals(31, s.atomCount());
        assertArrayEquals(new int[] {28, 29, 29}, java.util.Arrays.copyOf(s.numbers(), 3)); // Ni Cu Cu
        assertArrayEquals(new double[] {-0.11949082, -0.18760506, -0.14323420}, java.util.Arrays.copyOf(s.positions(), 3));
        Cell c = s.cell().orElseThrow();
        assertArrayEquals(new boolean[] {true, true, true}, c.pbc());
        assertEquals(7.666030101352264, c.vector(0, 0));
        assertEquals(0.12012610029088168, c.vector(0, 1));
        assertEquals(-0.07499483898923577, c.vector(2, 1));
        Labels l = s.labels();
        assertEquals(7.7053362926249545, l.energy().orElseThrow());
        assertEquals("md1500K", l.configType().orElseThrow());
        // forces follow the 3 skipped momenta columns
        assertArrayEquals(new double[] {0.45344037, 0.88488935, 0.70488029}, java.util.Arrays.copyOf(l.forces().orElseThrow(), 3));
        // 3x3 stress "xx xy xz yx yy yz zx zy zz" -> Voigt xx yy zz yz xz xy
        assertArrayEquals(new double[] {0.0008522811315097663, 0.0047168033569257115, 0.006965685507263082,
            -0.011449384002764889, -0.004871890448649593, 0.01570641214661247}, l.stress().orElseThrow());
        assertEquals(1.0, l.weight());
        assertEquals(d.structures().stream().mapToInt(Structure::atomCount).sum(), d.atomCount());
        assertArrayEquals(new int[] {28, 29, 79}, d.species());
    }

    @Test
    void emtSampleRoundTripsExactly() throws IOException {
        Dataset original = ExtendedXyz.read(ExampleData.emtSample());
        Path out = dir.resolve("copy.xyz");
        DataFiles.writeExtendedXyz(original, out);
        Dataset back = ExtendedXyz.read(out);
        assertEquals(original.size(), back.size());
        for (int i = 0; i < original.size(); i++) {
            ExampleData.assertSameContent(original.structures().get(i), back.structures().get(i));
            assertEquals("copy.xyz#" + i, back.structures().get(i).name());
        }
    }

    @Test
    void mixedPeriodicityRoundTripsExactly() throws IOException {
        double[] box = {10.0, 0.0, 0.0, 0.0, 11.0, 0.0, 0.0, 0.0, 12.0};
        double[] triclinic = {3.1, 0.0, 0.0, 1.55, 2.684678751, 0.0, 0.1, -0.2, 5.7};
        List<Structure> structures = List.of(
            // isolated molecule: no cell, odd doubles, negative zero, energy only
            Structure.of("h2o", new double[] {0.0, 0.0, 0.1 + 0.2, 0.7569, -0.0, 0.5858, -0.7569, 1e-300, 0.5858},
                new int[] {8, 1, 1}, null, Labels.builder().energy(-14.2234567890123).configType("gas phase \"water\"").build()),
            // slab periodic in x and y only, forces and stress, weight
            Structure.of("slab", new double[] {0.0, 0.0, 5.0, 1.55, 1.3, 6.1},
                new int[] {42, 42}, Cell.of(box, new boolean[] {true, true, false}),
                Labels.builder().energy(-21.7).forces(new double[] {0.1, -0.2, 1.0 / 3.0, -0.1, 0.2, -1.0 / 3.0})
                    .stress(new double[] {1e-3, -2e-3, 3.5e-4, 7e-7, -1e-5, 2.0 / 3e3}).weight(0.25).build()),
            // fully periodic triclinic cell, no labels at all
            Structure.of("bulk", new double[] {0.0, 0.0, 0.0, 2.3, 1.4, 2.85}, new int[] {14, 6},
                Cell.periodic(triclinic), Labels.NONE),
            // a bounding box without periodicity
            Structure.of("boxed", new double[] {1.0, 2.0, 3.0}, new int[] {79}, Cell.of(box, new boolean[3]),
                Labels.builder().forces(new double[] {0, 0, 0}).build()));
        Path out = dir.resolve("mixed.extxyz");
        ExtendedXyz.write(structures, out);
        Dataset back = ExtendedXyz.read(out);
        assertEquals(structures.size(), back.size());
        for (int i = 0; i < structures.size(); i++) {
            ExampleData.assertSameContent(structures.get(i), back.structures().get(i));
        }
        assertTrue(back.structures().get(0).cell().isEmpty());
        assertArrayEquals(new boolean[] {true, true, false}, back.structures().get(1).cell().orElseThrow().pbc());
        assertArrayEquals(new boolean[3], back.structures().get(3).cell().orElseThrow().pbc());
    }

    @Test
    void largeFramesRoundTrip() throws IOException {
        int n = 2500; // more than the reader's initial array capacity
        double[] pos = new double[3 * n];
        double[] f = new double[3 * n];
        for (int i = 0; i < n; i++) {
            pos[3 * i] = i % 50;
            pos[3 * i + 1] = i / 50 * 1.1;
            pos[3 * i + 2] = 0.01 * i;
            f[3 * i + 2] = -1e-3 * i;
        }
        int[] z = new int[n];
        java.util.Arrays.fill(z, 1);
        Structure big = Structure.of("big", pos, z, null, Labels.builder().forces(f).build());
        Path out = dir.resolve("big.xyz");
        ExtendedXyz.write(List.of(big, big), out);
        Dataset back = ExtendedXyz.read(out);
        assertEquals(2, back.size());
        ExampleData.assertSameContent(big, back.structures().get(1));
    }

    @Test
    void writesTheAseLayout() throws IOException {
        Structure s = Structure.of("x", new double[] {0.0, 0.0, 0.0, 1.5, 0.0, 0.0}, new int[] {29, 79},
            Cell.periodic(new double[] {4, 0, 0, 0, 5, 0, 0, 0, 6}),
            Labels.builder().energy(-1.25).forces(new double[] {0.5, 0, 0, -0.5, 0, 0})
                .stress(new double[] {1, 2, 3, 4, 5, 6}).configType("md300K").build());
        Path out = dir.resolve("a.xyz");
        ExtendedXyz.write(List.of(s), out);
        List<String> lines = Files.readAllLines(out);
        assertEquals("2", lines.get(0));
        assertEquals("Lattice=\"4.0 0.0 0.0 0.0 5.0 0.0 0.0 0.0 6.0\" Properties=species:S:1:pos:R:3:forces:R:3"
            + " energy=-1.25 stress=\"1.0 6.0 5.0 6.0 2.0 4.0 5.0 4.0 3.0\" config_type=md300K pbc=\"T T T\"", lines.get(1));
        assertEquals("Cu 0.0 0.0 0.0 0.5 0.0 0.0", lines.get(2));
        assertEquals("Au 1.5 0.0 0.0 -0.5 0.0 0.0", lines.get(3));
        assertEquals(4, lines.size());
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path out = write("data.xyz", "old content\n");
        Structure s = Structure.of("x", new double[] {0, 0, 0}, new int[] {1}, null, Labels.NONE);
        ExtendedXyz.write(List.of(s), out);
        assertEquals(1, ExtendedXyz.read(out).size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    @Test
    void latticeWithoutPbcIsPeriodicAndNoLatticeIsIsolated() throws IOException {
        Structure periodic = single("1\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:pos:R:3\nFe 0 0 0\n");
        assertArrayEquals(new boolean[] {true, true, true}, periodic.cell().orElseThrow().pbc());
        Structure isolated = single("2\nProperties=species:S:1:pos:R:3 energy=-3\nH 0 0 0\nH 0 0 0.74\n");
        assertTrue(isolated.cell().isEmpty());
        assertEquals(-3.0, isolated.labels().energy().orElseThrow());
        Structure explicitlyOpen = single("1\npbc=\"F F F\"\nHe 0 0 0\n");
        assertTrue(explicitlyOpen.cell().isEmpty());
    }

    @Test
    void readsPlainXyzWithAFreeTextComment() throws IOException {
        Structure s = single("3\n\nO 0 0 0\nH 0.76 0.59 0\nH -0.76 0.59 0\n");
        assertArrayEquals(new int[] {8, 1, 1}, s.numbers());
        assertFalse(s.labels().energy().isPresent());
    }

    @Test
    void parsesKeyValueVariants() throws IOException {
        Structure s = single("2\n"
            + "  Energy = -7.5 \"Lattice\"={4 0 0 0 4 0 0 0 4} pbc=\"True false T\" flag config_type=\"bulk fcc\""
            + " Properties=Z:I:1:pos:R:3:tags:I:1:mask:L:1:name:S:1:force:R:3:extra:R:2 config_weight=2.5"
            + " stress=[1, 2, 3, 4, 5, 6]\n"
            + "29 0 0 0 7 T first 0.5 0.25 0.125 9 9\n"
            + "79 2 2 2 8 F second -0.5 -0.25 -0.125 9 9\n");
        assertArrayEquals(new int[] {29, 79}, s.numbers());
        assertArrayEquals(new boolean[] {true, false, true}, s.cell().orElseThrow().pbc());
        assertEquals(-7.5, s.labels().energy().orElseThrow());
        assertEquals("bulk fcc", s.labels().configType().orElseThrow());
        assertEquals(2.5, s.labels().weight());
        assertArrayEquals(new double[] {0.5, 0.25, 0.125, -0.5, -0.25, -0.125}, s.labels().forces().orElseThrow());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, s.labels().stress().orElseThrow());
        assertArrayEquals(new double[] {0, 0, 0, 2, 2, 2}, s.positions());
    }

    @Test
    void virialIsConvertedToStressAsAseDefinesIt() throws IOException {
        // V = 2*4*5 = 40 Å³; stress = -virial / V
        Structure s = single("1\nLattice=\"2 0 0 0 4 0 0 0 5\" virial=\"4 8 12 8 -40 0 12 0 80\"\nAr 0 0 0\n");
        assertArrayEquals(new double[] {-0.1, 1.0, -2.0, -0.0, -0.3, -0.2}, s.labels().stress().orElseThrow());
        Structure both = single("1\nLattice=\"2 0 0 0 4 0 0 0 5\" virial=\"1 1 1 1 1 1\" stress=\"1 2 3 4 5 6\"\nAr 0 0 0\n");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, both.labels().stress().orElseThrow());
    }

    @Test
    void skipsBlankLinesBetweenFramesAndCountsFramesFromZero() throws IOException {
        Dataset d = ExtendedXyz.read(write("two.xyz", "1\n\nH 0 0 0\n\n\n1\nenergy=2\nHe 0 0 0\n\n"));
        assertEquals(2, d.size());
        assertEquals("two.xyz#1", d.structures().get(1).name());
        assertEquals(2.0, d.structures().get(1).labels().energy().orElseThrow());
    }

    @Test
    void emptyFileGivesAnEmptyDataset() throws IOException {
        assertTrue(ExtendedXyz.read(write("empty.xyz", "")).isEmpty());
    }

    @Test
    void symbolsAreCaseInsensitive() throws IOException {
        assertArrayEquals(new int[] {42}, single("1\n\nMO 0 0 0\n").numbers());
    }

    @Test
    void missingFileNamesTheFile() {
        Path missing = dir.resolve("nope.xyz");
        IOException e = assertThrows(IOException.class, () -> ExtendedXyz.read(missing));
        assertTrue(e.getMessage().contains("nope.xyz"), e.getMessage());
    }
}
