package org.atomstack.api.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.train.ParameterSet;
import org.atomstack.api.train.SavedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint files round-trip bit for bit, replace the old file, and detect damage. */
class CheckpointTest {
    static Checkpoint sample(ParameterSet best) {
        ParameterSet p = ParameterSet.of(List.of("w", "e0"), List.of(Shape.of(2, 1), Shape.of(1)),
            List.of(new double[] {Math.PI, -0.0}, new double[] {Double.MIN_VALUE}));
        return new Checkpoint("fingerprint ünïcode", 3, 1, 2.5, 4, new double[] {3, 2, 1}, new double[] {Double.NaN, 1, 0.5}, p,
            SavedState.builder().put("t", 7).put("m0", new double[] {0.1, 0.2}).build(), SavedState.builder().put("rate", 1e-3).build(),
            0.5, 3, 0, best);
    }

    @Test
    void roundTripsBitForBit(@TempDir Path dir) throws IOException {
        Checkpoint c = sample(sample(null).parameters());
        Path file = dir.resolve("sub").resolve("run.ckpt");
        c.write(file);
        Checkpoint r = Checkpoint.read(file);
        assertEquals(c.fingerprint(), r.fingerprint());
        assertEquals(c.epoch(), r.epoch());
        assertEquals(c.batchesDone(), r.batchesDone());
        assertEquals(c.partialLoss(), r.partialLoss());
        assertEquals(c.partialCount(), r.partialCount());
        assertArrayEquals(c.trainingLoss(), r.trainingLoss());
        assertArrayEquals(c.validationLoss(), r.validationLoss());
        assertEquals(c.parameters(), r.parameters());
        assertEquals(c.optimizer(), r.optimizer());
        assertEquals(c.schedule(), r.schedule());
        assertEquals(c.best(), r.best());
        assertEquals(c.bestLoss(), r.bestLoss());
        assertNull(roundTrip(sample(null), dir).best());
    }

    private static Checkpoint roundTrip(Checkpoint c, Path dir) throws IOException {
        Path f = dir.resolve("x.ckpt");
        c.write(f);
        return Checkpoint.read(f);
    }

    @Test
    void writingReplacesTheOldFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.ckpt");
        Files.writeString(file, "old");
        sample(null).write(file);
        assertEquals(3, Checkpoint.read(file).epoch());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void damagedOrForeignFilesAreRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.ckpt");
        sample(null).write(file);
        byte[] b = Files.readAllBytes(file);
        b[b.length - 12] ^= 1;
        Files.write(file, b);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains(file.toString()), e.getMessage());
        Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
        assertThrows(IOException.class, () -> Checkpoint.read(file));
        Files.writeString(file, "hello, I am not a checkpoint");
        assertThrows(IOException.class, () -> Checkpoint.read(file));
    }
}
