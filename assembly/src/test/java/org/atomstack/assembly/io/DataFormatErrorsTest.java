package org.atomstack.assembly.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error path of the readers: the message names the file, the frame/record (0-based), the
 * line (1-based, where there is one) and the problem.
 */
class DataFormatErrorsTest {
    /** Frame 0, lines 1–3, valid; the frame under test starts on line 4. */
    private static final String GOOD_FRAME = "1\nProperties=species:S:1:pos:R:3 energy=1.0\nH 0 0 0\n";
    private static final String CUBE = "Lattice=\"5 0 0 0 5 0 0 0 5\" ";

    @TempDir
    Path dir;

    private DataFormatException xyzError(String secondFrame) throws IOException {
        Path p = dir.resolve("bad.xyz");
        Files.writeString(p, GOOD_FRAME + secondFrame, StandardCharsets.UTF_8);
        return assertThrows(DataFormatException.class, () -> DataFiles.read(p));
    }

    private DataFormatException jsonError(String text) throws IOException {
        Path p = dir.resolve("bad.json");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return assertThrows(DataFormatException.class, () -> DataFiles.read(p));
    }

    private static void assertNames(DataFormatException e, String file, int record, long line, String... words) {
        String m = e.getMessage();
        assertTrue(m.contains(file), "file name missing: " + m);
        assertEquals(file, e.file().getFileName().toString());
        assertEquals(record, e.record().orElse(-1), m);
        assertTrue(m.contains("record " + record), "record missing: " + m);
        if (line > 0) {
            assertEquals(line, e.line().orElse(-1), m);
            assertTrue(m.contains("(line " + line + ")"), "line missing: " + m);
        }
        for (String w : words) {
            assertTrue(m.contains(w), "'" + w + "' missing: " + m);
        }
    }

    // --- extended XYZ ---------------------------------------------------------------------

    @Test
    void truncatedFrame() throws IOException {
        DataFormatException e = xyzError("3\nProperties=species:S:1:pos:R:3\nH 0 0 0\nH 0 0 1\n");
        assertNames(e, "bad.xyz", 1, 4, "truncated frame", "says 3 atoms", "after 2 atom lines");
    }

    @Test
    void truncatedFrameFollowedByAnotherFrame() throws IOException {
        DataFormatException e = xyzError("3\n\nH 0 0 0\nH 0 0 1\n1\n\nH 0 0 0\n");
        assertNames(e, "bad.xyz", 1, 8, "1 column", "needs 4", "truncated");
    }

    @Test
    void truncatedBeforeTheCommentLine() throws IOException {
        assertNames(xyzError("2\n"), "bad.xyz", 1, 4, "truncated frame", "comment line");
    }

    @Test
    void wrongColumnCount() throws IOException {
        DataFormatException e = xyzError("2\n" + CUBE + "Properties=species:S:1:pos:R:3:forces:R:3\n"
            + "H 0 0 0 0 0 0\nH 0 0 1 0\n");
        assertNames(e, "bad.xyz", 1, 7, "atom 1", "has 5 columns", "needs 7", "species:S:1:pos:R:3:forces:R:3");
    }

    @Test
    void nonNumericValue() throws IOException {
        DataFormatException e = xyzError("2\n\nH 0 0 0\nH 0 abc 1\n");
        assertNames(e, "bad.xyz", 1, 7, "atom 1", "position in column 3", "'abc' is not a number");
    }

    @Test
    void javaOnlyNumberSyntaxIsNotANumber() throws IOException {
        assertNames(xyzError("1\n\nH 1.0f 0 0\n"), "bad.xyz", 1, 6, "'1.0f' is not a number");
    }

    @Test
    void nanPosition() throws IOException {
        assertNames(xyzError("1\n\nH 0 nan 0\n"), "bad.xyz", 1, 6, "position in column 3 is not finite", "nan");
    }

    @Test
    void infiniteForce() throws IOException {
        DataFormatException e = xyzError("1\n" + CUBE + "Properties=species:S:1:pos:R:3:forces:R:3\nH 0 0 0 0 -inf 0\n");
        assertNames(e, "bad.xyz", 1, 6, "force in column 6 is not finite", "-inf");
    }

    @Test
    void nanEnergy() throws IOException {
        assertNames(xyzError("1\nenergy=NaN\nH 0 0 0\n"), "bad.xyz", 1, 5, "energy is not finite", "NaN");
    }

    @Test
    void nonNumericEnergy() throws IOException {
        assertNames(xyzError("1\nenergy=high\nH 0 0 0\n"), "bad.xyz", 1, 5, "energy", "'high' is not a number");
    }

    @Test
    void infiniteLattice() throws IOException {
        DataFormatException e = xyzError("1\nLattice=\"Infinity 0 0 0 5 0 0 0 5\"\nH 0 0 0\n");
        assertNames(e, "bad.xyz", 1, 5, "Lattice value 1 of 9 is not finite", "Infinity");
    }

    @Test
    void nanStress() throws IOException {
        DataFormatException e = xyzError("1\n" + CUBE + "stress=\"0 0 0 0 nan 0 0 0 0\"\nH 0 0 0\n");
        assertNames(e, "bad.xyz", 1, 5, "stress value 5 of 9 is not finite", "nan");
    }

    @Test
    void stressWithTheWrongNumberOfValues() throws IOException {
        DataFormatException e = xyzError("1\n" + CUBE + "stress=\"1 2 3 4\"\nH 0 0 0\n");
        assertNames(e, "bad.xyz", 1, 5, "stress needs 9 or 6 numbers, got 4");
    }

    @Test
    void latticeWithTheWrongNumberOfValues() throws IOException {
        assertNames(xyzError("1\nLattice=\"5 0 0 0 5 0\"\nH 0 0 0\n"), "bad.xyz", 1, 5, "Lattice needs 9 numbers, got 6");
    }

    @Test
    void degenerateLattice() throws IOException {
        assertNames(xyzError("1\nLattice=\"5 0 0 10 0 0 0 0 5\"\nH 0 0 0\n"), "bad.xyz", 1, 5, "Lattice", "degenerate");
    }

    @Test
    void pbcWithoutLattice() throws IOException {
        DataFormatException e = xyzError("1\nProperties=species:S:1:pos:R:3 pbc=\"T T F\"\nH 0 0 0\n");
        assertNames(e, "bad.xyz", 1, 5, "pbc is true but the frame has no Lattice");
    }

    @Test
    void badPbcFlag() throws IOException {
        assertNames(xyzError("1\n" + CUBE + "pbc=\"T X T\"\nH 0 0 0\n"), "bad.xyz", 1, 5, "pbc flag 'X'");
    }

    @Test
    void virialWithoutLattice() throws IOException {
        assertNames(xyzError("1\nvirial=\"1 2 3 4 5 6\"\nH 0 0 0\n"), "bad.xyz", 1, 5, "virial needs a Lattice");
    }

    @Test
    void atomsCloserThanMinimumDistance() throws IOException {
        DataFormatException e = xyzError("2\n\nH 0 0 0\nH 0 0.05 0\n");
        assertNames(e, "bad.xyz", 1, 4, "bad.xyz#1", "atoms 0 and 1", "closer than 0.1");
    }

    @Test
    void atomsCloserThanMinimumDistanceThroughThePeriodicBoundary() throws IOException {
        DataFormatException e = xyzError("2\n" + CUBE + "\nCu 0.02 0 0\nCu 4.97 0 0\n");
        assertNames(e, "bad.xyz", 1, 4, "closer than 0.1", "overlapping");
    }

    @Test
    void unknownElementSymbol() throws IOException {
        assertNames(xyzError("2\n\nH 0 0 0\nXx 0 0 1\n"), "bad.xyz", 1, 7, "atom 1", "unknown element symbol 'Xx'");
    }

    @Test
    void atomicNumberOutOfRange() throws IOException {
        DataFormatException e = xyzError("1\nProperties=Z:I:1:pos:R:3\n0 0 0 0\n");
        assertNames(e, "bad.xyz", 1, 6, "atomic number 0", "outside 1..118");
    }

    @Test
    void badAtomCountLine() throws IOException {
        assertNames(xyzError("two\n\nH 0 0 0\nH 0 0 1\n"), "bad.xyz", 1, 4, "bad atom count line 'two'");
        assertNames(xyzError("-2\n\n"), "bad.xyz", 1, 4, "bad atom count line", "-2 is outside 0..");
        assertNames(xyzError("2000000000\n\nH 0 0 0\n"), "bad.xyz", 1, 4, "bad atom count line", "outside 0..");
        assertNames(xyzError("700000000\n\nH 0 0 0\n"), "bad.xyz", 1, 4, "truncated frame", "says 700000000 atoms");
        assertNames(xyzError("2 atoms\n\nH 0 0 0\nH 0 0 1\n"), "bad.xyz", 1, 4, "bad atom count line '2 atoms'");
    }

    @Test
    void badPropertiesSpec() throws IOException {
        assertNames(xyzError("1\nProperties=species:S:1:pos:R\nH 0 0 0\n"), "bad.xyz", 1, 5,
            "not a list of name:type:width triples");
        assertNames(xyzError("1\nProperties=species:S:1:pos:X:3\nH 0 0 0\n"), "bad.xyz", 1, 5,
            "'pos:X:3' is not a valid name:type:width column");
        assertNames(xyzError("1\nProperties=species:S:1:pos:R:2\nH 0 0\n"), "bad.xyz", 1, 5, "'pos' must be R:3, not R:2");
        assertNames(xyzError("1\nProperties=species:S:1:forces:R:3\nH 0 0 0\n"), "bad.xyz", 1, 5, "no pos:R:3 column");
        assertNames(xyzError("1\nProperties=pos:R:3\n0 0 0\n"), "bad.xyz", 1, 5, "neither a species:S:1 nor a Z:I:1");
    }

    @Test
    void unterminatedQuote() throws IOException {
        assertNames(xyzError("1\nLattice=\"5 0 0 0 5 0 0 0 5\nH 0 0 0\n"), "bad.xyz", 1, 5, "value of 'Lattice'", "never closed");
    }

    @Test
    void negativeWeight() throws IOException {
        assertNames(xyzError("1\nconfig_weight=-1\nH 0 0 0\n"), "bad.xyz", 1, 5, "config_weight must be >= 0");
    }

    @Test
    void errorInTheFirstFrameNamesRecordZero() throws IOException {
        Path p = dir.resolve("first.extxyz");
        Files.writeString(p, "1\n\nH 0 0 zero\n");
        assertNames(assertThrows(DataFormatException.class, () -> ExtendedXyz.read(p)), "first.extxyz", 0, 3,
            "'zero' is not a number");
    }

    // --- mlearn JSON ----------------------------------------------------------------------

    private static String site(String element, String xyz) {
        return "{\"species\": [{\"element\": \"" + element + "\", \"occu\": 1}], \"xyz\": " + xyz + "}";
    }

    private static String record(String sites, String outputs) {
        return "{\"structure\": {\"lattice\": {\"matrix\": [[3, 0, 0], [0, 3, 0], [0, 0, 3]]},\n"
            + "  \"sites\": [" + sites + "]},\n"
            + "  \"outputs\": " + outputs + ", \"group\": \"Bulk\"}";
    }

    private static final String GOOD_RECORD = record(site("Mo", "[0, 0, 0]"),
        "{\"energy\": -10.0, \"forces\": [[0, 0, 0]], \"virial_stress\": [1, 2, 3, 4, 5, 6]}");

    /** Record 0 on lines 2–4, record 1 starts on line 5. */
    private static String twoRecords(String second) {
        return "[\n" + GOOD_RECORD + ",\n" + second + "\n]\n";
    }

    @Test
    void malformedJson() throws IOException {
        DataFormatException e = jsonError(twoRecords("{\"structure\": {\"lattice\": {\"matrix\": [[3, 0, 0],\n [0, 3 0]"));
        assertNames(e, "bad.json", 1, 6, "malformed JSON");
    }

    @Test
    void jsonThatIsNotAList() throws IOException {
        DataFormatException e = jsonError("{\"structure\": {}}");
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("expected a JSON list of records"),
            e.getMessage());
    }

    @Test
    void jsonRecordThatIsNotAnObject() throws IOException {
        assertNames(jsonError(twoRecords("42")), "bad.json", 1, 5, "record is a number, not a JSON object");
    }

    @Test
    void missingRequiredField() throws IOException {
        DataFormatException e = jsonError(twoRecords(record(site("Mo", "[0, 0, 0]") + ", {\"species\": [{\"element\": \"Mo\"}]}",
            "{\"energy\": -1.0}")));
        assertNames(e, "bad.json", 1, 5, "missing required field structure.sites[1].xyz");
        assertNames(jsonError(twoRecords("{\"outputs\": {}}")), "bad.json", 1, 5, "missing required field structure");
        assertNames(jsonError(twoRecords("{\"structure\": {\"lattice\": {}, \"sites\": []}}")), "bad.json", 1, 5,
            "missing required field structure.lattice.matrix");
        assertNames(jsonError(twoRecords(record("{\"xyz\": [0, 0, 0]}", "{}"))), "bad.json", 1, 5,
            "missing required field structure.sites[0].species");
    }

    @Test
    void forcesRowCountDiffersFromAtoms() throws IOException {
        DataFormatException e = jsonError(twoRecords(record(site("Mo", "[0, 0, 0]") + ", " + site("Mo", "[1.5, 1.5, 1.5]"),
            "{\"energy\": -1.0, \"forces\": [[0, 0, 0]]}")));
        assertNames(e, "bad.json", 1, 5, "outputs.forces has 1 row but the structure has 2 sites");
    }

    @Test
    void nonFiniteJsonValues() throws IOException {
        assertNames(jsonError(twoRecords(record(site("Mo", "[0, 0, 0]"), "{\"energy\": NaN}"))), "bad.json", 1, 5,
            "outputs.energy is not finite");
        assertNames(jsonError(twoRecords(record(site("Mo", "[0, Infinity, 0]"), "{}"))), "bad.json", 1, 5,
            "structure.sites[0].xyz[1] is not finite");
        assertNames(jsonError(twoRecords(record(site("Mo", "[0, 0, 0]"),
            "{\"virial_stress\": [1, 2, -Infinity, 4, 5, 6]}"))), "bad.json", 1, 5, "outputs.virial_stress[2] is not finite");
        assertNames(jsonError(twoRecords(record(site("Mo", "[0, 0, 0]"), "{\"forces\": [[0, NaN, 0]]}"))), "bad.json", 1, 5,
            "outputs.forces[0][1] is not finite");
    }

    @Test
    void nonNumericJsonValue() throws IOException {
        assertNames(jsonError(twoRecords(record(site("Mo", "[0, 0, 0]"), "{\"energy\": \"-1.0 eV\"}"))), "bad.json", 1, 5,
            "outputs.energy is not a number");
    }

    @Test
    void nonFiniteJsonLattice() throws IOException {
        String rec = record(site("Mo", "[0, 0, 0]"), "{}").replace("[[3, 0, 0]", "[[NaN, 0, 0]");
        assertNames(jsonError(twoRecords(rec)), "bad.json", 1, 5, "structure.lattice.matrix[0][0] is not finite");
    }

    @Test
    void unknownElementInJson() throws IOException {
        assertNames(jsonError(twoRecords(record(site("Qq", "[0, 0, 0]"), "{}"))), "bad.json", 1, 5,
            "structure.sites[0].species[0].element", "unknown element symbol 'Qq'");
    }

    @Test
    void atomsTooCloseInJson() throws IOException {
        DataFormatException e = jsonError(twoRecords(record(site("Mo", "[0, 0, 0]") + ", " + site("Mo", "[2.95, 0, 0]"), "{}")));
        assertNames(e, "bad.json", 1, 5, "bad.json#1", "closer than 0.1");
    }

    @Test
    void numAtomsDisagreesWithSites() throws IOException {
        String rec = GOOD_RECORD.replace("\"group\"", "\"num_atoms\": 2, \"group\"");
        assertNames(jsonError(twoRecords(rec)), "bad.json", 1, 5, "num_atoms is 2 but structure.sites has 1 site");
    }

    @Test
    void virialStressWithWrongLength() throws IOException {
        assertNames(jsonError(twoRecords(record(site("Mo", "[0, 0, 0]"), "{\"virial_stress\": [1, 2, 3]}"))), "bad.json", 1, 5,
            "outputs.virial_stress must be a list of 6 numbers");
    }

    @Test
    void partialOccupancy() throws IOException {
        String s = "{\"species\": [{\"element\": \"Mo\", \"occu\": 0.5}, {\"element\": \"W\", \"occu\": 0.5}], \"xyz\": [0, 0, 0]}";
        assertNames(jsonError(twoRecords(record(s, "{}"))), "bad.json", 1, 5, "partial occupancy");
    }

    // --- whole files ----------------------------------------------------------------------

    @Test
    void emptyFilesHaveNoStructures() throws IOException {
        for (String name : new String[] {"empty.xyz", "empty.json", "empty.dat"}) {
            Path p = dir.resolve(name);
            Files.writeString(p, name.endsWith(".dat") ? "  \n" : "");
            DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.read(p));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("no structures"), e.getMessage());
            assertFalse(e.record().isPresent());
        }
        Path list = dir.resolve("list.json");
        Files.writeString(list, "[ ]\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.read(list));
        assertTrue(e.getMessage().contains("list.json") && e.getMessage().contains("no structures"), e.getMessage());
    }

    @Test
    void unknownFormatListsTheSupportedOnes() throws IOException {
        Path p = dir.resolve("notes.txt");
        Files.writeString(p, "# some notes\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.read(p));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("unrecognised data format"), e.getMessage());
        assertTrue(e.getMessage().contains("extended XYZ") && e.getMessage().contains("mlearn JSON"), e.getMessage());
    }

    @Test
    void missingFileNamesTheFile() {
        Path p = dir.resolve("missing.json");
        IOException e = assertThrows(IOException.class, () -> DataFiles.read(p));
        assertTrue(e.getMessage().contains("missing.json") && e.getMessage().contains("no such file"), e.getMessage());
        IOException d = assertThrows(IOException.class, () -> DataFiles.read(dir));
        assertTrue(d.getMessage().contains("directory"), d.getMessage());
    }

    @Test
    void notUtf8() throws IOException {
        Path p = dir.resolve("latin1.xyz");
        Files.write(p, new byte[] {'1', '\n', '\n', (byte) 0xC4, ' ', '0', ' ', '0', ' ', '0', '\n'});
        assertNames(assertThrows(DataFormatException.class, () -> DataFiles.read(p)), "latin1.xyz", 0, 3, "not valid UTF-8");
    }
}
