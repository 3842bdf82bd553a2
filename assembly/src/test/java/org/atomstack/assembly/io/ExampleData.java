package org.atomstack.assembly.io;

import java.nio.file.Files;
import java.nio.file.Path;

import org.atomstack.api.structure.Structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project's example data ({@code examples/data} at the repository root) and comparisons. */
final class ExampleData {
    private ExampleData() {
    }

    /** {@code examples/data/<relative>}, found from the module directory (tests run in {@code assembly/}). */
    static Path file(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("examples").resolve("data").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("example data file examples/data/" + relative + " not found above "
            + Path.of("").toAbsolutePath());
    }

    static Path moTest() {
        return file("zuo2020-Mo/test.json");
    }

    static Path moTraining() {
        return file("zuo2020-Mo/training.json");
    }

    static Path emtSample() {
        return file("emt-cunau/cunau_sample.xyz");
    }

    /** Asserts bit-identical atoms, cell and labels; the names may differ. */
    static void assertSameContent(Structure expected, Structure actual) {
        String what = expected.name() + " vs " + actual.name();
        assertArrayEquals(expected.numbers(), actual.numbers(), what);
        assertArrayEquals(expected.positions(), actual.positions(), what);
        assertEquals(expected.cell(), actual.cell(), what);
        assertEquals(expected.labels(), actual.labels(), what);
        assertTrue(expected.withName("x").equals(actual.withName("x")), what);
    }
}
