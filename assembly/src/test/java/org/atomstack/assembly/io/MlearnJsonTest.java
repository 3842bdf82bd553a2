package org.atomstack.assembly.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.atomstack.api.structure.Cell;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.structure.Structure;
import org.atomstack.assembly.io.MlearnJson.ShearOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlearnJsonTest {
    private static final double KBAR = 0.1 / 160.21766208;

    @TempDir
    Path dir;

    @Test
    void moTestCopyHas23StructuresOf1189MoAtoms() throws IOException {
        Dataset d = MlearnJson.read(ExampleData.moTest());
        assertEquals("test.json", d.name());
        assertEquals(23, d.size());
        assertEquals(1189, d.atomCount());
        assertArrayEquals(new int[] {42}, d.species());
        assertEquals(Map.of(42, 1189L), d.speciesCounts());
        for (Structure s : d.structures()) {
            assertTrue(s.labels().energy().isPresent(), s.name());
            assertTrue(s.labels().hasForces(), s.name());
            assertTrue(s.labels().stress().isPresent(), s.name());
            assertArrayEquals(new boolean[] {true, true, true}, s.cell().orElseThrow().pbc(), s.name());
        }
    }

    @Test
    void moTrainingCopyHas194StructuresOf10087Atoms() throws IOException {
        Dataset d = MlearnJson.read(ExampleData.moTraining());
        assertEquals(194, d.size());
        assertEquals(10087, d.atomCount());
        assertArrayEquals(new int[] {42}, d.species());
    }

    @Test
    void readsFieldsOfTheFirstMoTestRecord() throws IOException {
        Structure s = MlearnJson.read(ExampleData.moTest()).structures().get(0);
        assertEquals("test.json#0", s.name());
        Cell c = s.cell().orElseThrow();
        assertArrayEquals(new double[] {9.450121, 0, 0, 0, 9.450121, 0, 0, 0, 9.450121}, c.matrix());
        assertArrayEquals(new double[] {1.7127966307659999, 1.6357592443739999, 1.887897922775},
            java.util.Arrays.copyOf(s.positions(), 3));
        assertTrue(s.labels().configType().isPresent());
    }

    /** The evidence of the class javadoc, as a regression test on the Mo training copy. */
    @Test
    void moStressHasAseSignUnitAndShearOrder() throws IOException {
        Dataset d = MlearnJson.read(ExampleData.moTraining());
        // #140: mode 1, strain -0.06 (a compressed to 8.9327 Å), virial_stress[0] = +346.27535 kbar
        Structure compressed = d.structures().get(140);
        assertEquals(8.9327, compressed.cell().orElseThrow().vector(0, 0), 1e-4);
        double[] sc = compressed.labels().stress().orElseThrow();
        assertEquals(-346.27535 * KBAR, sc[0], 1e-15);
        assertTrue(sc[0] < 0 && sc[1] < 0 && sc[2] < 0, "compressed cell: negative (compressive) ASE stress");
        // #144: mode 6, strain +0.08: a = (9.5029, 0, 0.7602), an xz shear; virial_stress[4] = -84.57197
        Structure xz = d.structures().get(144);
        assertEquals(0.7602, xz.cell().orElseThrow().vector(0, 2), 1e-4);
        double[] sxz = xz.labels().stress().orElseThrow();
        assertEquals(84.57197 * KBAR, sxz[4], 1e-15);
        assertTrue(Math.abs(sxz[3]) < 0.02 * sxz[4] && Math.abs(sxz[5]) < 0.02 * sxz[4]);
        // #142: mode 5, strain +0.04: b = (0, 9.5029, 0.3801), a yz shear; virial_stress[5] = -43.2903
        Structure yz = d.structures().get(142);
        assertEquals(0.3801, yz.cell().orElseThrow().vector(1, 2), 1e-4);
        double[] syz = yz.labels().stress().orElseThrow();
        assertEquals(43.2903 * KBAR, syz[3], 1e-15);
        assertTrue(Math.abs(syz[4]) < 0.02 * syz[3] && Math.abs(syz[5]) < 0.02 * syz[3]);
        // #139: mode 4, strain +0.06: b has an x component, an xy shear; virial_stress[3] = -62.68316
        double[] sxy = d.structures().get(139).labels().stress().orElseThrow();
        assertEquals(62.68316 * KBAR, sxy[5], 1e-15);
    }

    @Test
    void explicitShearOrderOverridesThePerElementDefault() throws IOException {
        Dataset vasp = MlearnJson.read(ExampleData.moTraining(), ShearOrder.XY_YZ_ZX);
        double[] s = vasp.structures().get(144).labels().stress().orElseThrow();
        assertEquals(84.57197 * KBAR, s[3], 1e-15); // v[4] now taken as yz
    }

    @Test
    void conversionToAseStress() {
        double[] v = {10, 20, 30, 40, 50, 60};
        double c = -KBAR;
        assertArrayEquals(new double[] {10 * c, 20 * c, 30 * c, 50 * c, 60 * c, 40 * c},
            MlearnJson.toAseStress(v, ShearOrder.XY_YZ_ZX), 1e-18);
        assertArrayEquals(new double[] {10 * c, 20 * c, 30 * c, 60 * c, 50 * c, 40 * c},
            MlearnJson.toAseStress(v, ShearOrder.XY_XZ_YZ), 1e-18);
    }

    @Test
    void siliconRecordsUseVaspShearOrderByDefault() throws IOException {
        // two Si records with the same virial_stress: a Si-only record uses xy yz zx
        Path f = dir.resolve("si.json");
        Files.writeString(f, "[" + record("Si", "[1, 2, 3, 4, 5, 6]") + ", " + record("Mo", "[1, 2, 3, 4, 5, 6]") + "]");
        Dataset d = MlearnJson.read(f);
        assertArrayEquals(MlearnJson.toAseStress(new double[] {1, 2, 3, 4, 5, 6}, ShearOrder.XY_YZ_ZX),
            d.structures().get(0).labels().stress().orElseThrow());
        assertArrayEquals(MlearnJson.toAseStress(new double[] {1, 2, 3, 4, 5, 6}, ShearOrder.XY_XZ_YZ),
            d.structures().get(1).labels().stress().orElseThrow());
    }

    @Test
    void optionalFieldsMayBeAbsentOrNull() throws IOException {
        Path f = dir.resolve("bare.json");
        Files.writeString(f, "[{\"structure\": {\"lattice\": {\"matrix\": [[3,0,0],[0,3,0],[0,0,3]], \"pbc\": [true, true, false]},"
            + " \"sites\": [{\"species\": [{\"element\": \"Cu\", \"occu\": 1}], \"xyz\": [0, 0, 0]}]},"
            + " \"outputs\": {\"energy\": -3.5, \"forces\": null, \"virial_stress\": null}}]");
        Structure s = MlearnJson.read(f).structures().get(0);
        assertEquals(-3.5, s.labels().energy().orElseThrow());
        assertTrue(s.labels().forces().isEmpty());
        assertTrue(s.labels().stress().isEmpty());
        assertTrue(s.labels().configType().isEmpty());
        assertArrayEquals(new boolean[] {true, true, false}, s.cell().orElseThrow().pbc());
    }

    @Test
    void moTestRoundTripsThroughExtendedXyzExactly() throws IOException {
        Dataset original = MlearnJson.read(ExampleData.moTest());
        Path out = dir.resolve("mo-test.xyz");
        DataFiles.writeExtendedXyz(original, out);
        Dataset back = DataFiles.read(out);
        assertEquals(original.size(), back.size());
        for (int i = 0; i < original.size(); i++) {
            ExampleData.assertSameContent(original.structures().get(i), back.structures().get(i));
        }
    }

    static String record(String element, String virial) {
        return "{\"structure\": {\"lattice\": {\"matrix\": [[3,0,0],[0,3,0],[0,0,3]]}, \"sites\": ["
            + "{\"species\": [{\"element\": \"" + element + "\", \"occu\": 1}], \"xyz\": [0, 0, 0]}]},"
            + " \"outputs\": {\"energy\": -1.0, \"forces\": [[0, 0, 0]], \"virial_stress\": " + virial + "},"
            + " \"group\": \"Bulk\", \"num_atoms\": 1}";
    }
}
