package org.atomstack.assembly.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.atomstack.api.backend.Backend;
import org.atomstack.api.model.TrainingListener;
import org.atomstack.api.structure.Dataset;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.train.Adam;
import org.atomstack.api.train.Loss;
import org.atomstack.api.train.LossWeights;
import org.atomstack.api.train.Plateau;
import org.atomstack.api.train.Trainer;
import org.atomstack.api.train.TrainingOptions;
import org.atomstack.api.train.TrainingResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run stopped after some steps and resumed from its checkpoint ends with bitwise the same
 * parameters, best parameters and loss history as an uninterrupted run, in both precisions and
 * whether it stopped inside an epoch or at its end; checkpoints are replaced atomically and
 * refuse another configuration; early stopping keeps the best parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointResumeTest {
    static final int EPOCHS = 4;

    Backend cpu;
    Dataset training;
    Dataset validation;
    PairPotential model;

    @BeforeAll
    void setUp() {
        cpu = TrainFixtures.cpu();
        Dataset[] parts = TrainFixtures.mo("training.json").randomSubset(12, 77).split(0.75, 3);
        training = parts[0];
        validation = parts[1];
        model = new PairPotential(TrainFixtures.MO, TrainFixtures.meanEnergyPerAtom(training));
    }

    @AfterAll
    void tearDown() {
        cpu.close();
    }

    /** AMSGrad with weight decay, a plateau schedule that reduces every other epoch, early stopping; 9 structures in batches of 4, 4, 1. */
    Trainer trainer(DType dtype, long seed, int epochs, Path checkpoint, int every) {
        TrainingOptions o = TrainingOptions.defaults().withEpochs(epochs).withBatchSize(4).withSeed(seed).withDtype(dtype)
            .withEarlyStopping(3, 0);
        if (checkpoint != null) {
            o = o.withCheckpoint(checkpoint, every);
        }
        return new Trainer(new Loss(model, new LossWeights(10, 1, 1e3)), () -> new Adam(0.9, 0.99, 1e-8, 1e-3, true),
            () -> new Plateau(0.01, 0.5, 0, 0.5, 1e-4), o);
    }

    /** Asks to stop before step {@code after + 1}. */
    static TrainingListener stopAfter(int after) {
        return new TrainingListener() {
            int steps;

            @Override
            public void progress(String phase, long done, long total) {
                if (phase.equals("batch")) {
                    steps++;
                }
            }

            @Override
            public boolean stopRequested() {
                return steps >= after;
            }
        };
    }

    @ParameterizedTest(name = "{0}, stopped after {1} steps")
    @CsvSource({"FLOAT64, 5", "FLOAT64, 6", "FLOAT32, 4"})
    void aResumedRunEndsBitwiseWhereAnUninterruptedRunEnds(DType dtype, int stopAfter, @TempDir Path dir) throws IOException {
        TrainingResult straight = trainer(dtype, 5, EPOCHS, null, 0).fit(cpu, training, validation, TrainingListener.NONE);
        Path ckpt = dir.resolve("run.ckpt");
        TrainingResult stopped = trainer(dtype, 5, EPOCHS, ckpt, 1).fit(cpu, training, validation, stopAfter(stopAfter));
        assertEquals(TrainingResult.StopReason.REQUESTED, stopped.reason());
        assertEquals(stopAfter / 3, stopped.epochs(), "epochs completed before the stop (3 steps per epoch)");
        assertNotEquals(straight.last(), stopped.last());

        int[] steps = {0};
        TrainingListener counting = new TrainingListener() {
            @Override
            public void progress(String phase, long done, long total) {
                steps[0] += phase.equals("batch") ? 1 : 0;
            }
        };
        TrainingResult resumed = trainer(dtype, 5, EPOCHS, ckpt, 1).resume(cpu, ckpt, training, validation, counting);
        assertEquals(3 * EPOCHS - stopAfter, steps[0], "the resumed run takes only the remaining steps");
        assertEquals(straight.reason(), resumed.reason());
        assertEquals(straight.epochs(), resumed.epochs());
        assertEquals(straight.last(), resumed.last(), "final parameters, bit for bit");
        assertEquals(straight.best(), resumed.best(), "best parameters, bit for bit");
        assertEquals(straight.bestEpoch(), resumed.bestEpoch());
        assertArrayEquals(straight.trainingLoss(), resumed.trainingLoss(), 0.0);
        assertArrayEquals(straight.validationLoss(), resumed.validationLoss(), 0.0);
        assertTrue(straight.trainingLoss()[EPOCHS - 1] < straight.trainingLoss()[0], "the run trains");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(ckpt), files.toList(), "one checkpoint file and no temporary files left behind");
        }
    }

    @Test
    void aRunOfKEpochsExtendedByResumingEqualsARunOfNEpochs(@TempDir Path dir) throws IOException {
        TrainingResult straight = trainer(DType.FLOAT64, 8, 3, null, 0).fit(cpu, training, validation, TrainingListener.NONE);
        Path ckpt = dir.resolve("short.ckpt");
        TrainingResult shortRun = trainer(DType.FLOAT64, 8, 2, ckpt, 0).fit(cpu, training, validation, TrainingListener.NONE);
        assertEquals(TrainingResult.StopReason.COMPLETED, shortRun.reason());
        TrainingResult extended = trainer(DType.FLOAT64, 8, 3, ckpt, 0).resume(cpu, ckpt, training, validation, TrainingListener.NONE);
        assertEquals(3, extended.epochs());
        assertEquals(straight.last(), extended.last());
        assertEquals(straight.best(), extended.best());
        assertArrayEquals(straight.validationLoss(), extended.validationLoss(), 0.0);
    }

    @Test
    void resumingAFinishedRunChangesNothingAndAnotherSeedIsRefused(@TempDir Path dir) throws IOException {
        Path ckpt = dir.resolve("done.ckpt");
        TrainingResult done = trainer(DType.FLOAT64, 5, 2, ckpt, 0).fit(cpu, training, validation, TrainingListener.NONE);
        TrainingResult again = trainer(DType.FLOAT64, 5, 2, ckpt, 0).resume(cpu, ckpt, training, validation, TrainingListener.NONE);
        assertEquals(done.last(), again.last());
        assertEquals(2, again.epochs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> trainer(DType.FLOAT64, 6, 2, ckpt, 0).resume(cpu, ckpt, training, validation, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("seed=5") && e.getMessage().contains("seed=6"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> trainer(DType.FLOAT64, 5, 2, ckpt, 0).resume(cpu, ckpt, validation, training, TrainingListener.NONE));
    }

    @Test
    void aCorruptCheckpointIsReportedNotLoaded(@TempDir Path dir) throws IOException {
        Path ckpt = dir.resolve("c.ckpt");
        trainer(DType.FLOAT64, 5, 1, ckpt, 0).fit(cpu, training, validation, TrainingListener.NONE);
        byte[] bytes = Files.readAllBytes(ckpt);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(ckpt, bytes);
        IOException e = assertThrows(IOException.class,
            () -> trainer(DType.FLOAT64, 5, 1, ckpt, 0).resume(cpu, ckpt, training, validation, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        Files.write(ckpt, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> trainer(DType.FLOAT64, 5, 1, ckpt, 0).resume(cpu, ckpt, training, validation, TrainingListener.NONE));
    }

    @Test
    void earlyStoppingKeepsTheBestParameters() {
        // min delta 1e9: no epoch after the first counts as an improvement, so the run stops after 1 + patience epochs
        Trainer t = new Trainer(new Loss(model, new LossWeights(10, 1, 0)), Adam::new, () -> new Plateau(0.01, 0.5, 5, 1e-4, 1e-4),
            TrainingOptions.defaults().withEpochs(20).withBatchSize(4).withSeed(5).withEarlyStopping(2, 1e9));
        TrainingResult r = t.fit(cpu, training, validation, TrainingListener.NONE);
        assertEquals(TrainingResult.StopReason.EARLY_STOPPING, r.reason());
        assertEquals(3, r.epochs());
        assertEquals(1, r.bestEpoch());
        assertEquals(r.validationLoss()[0], r.bestLoss(), 0.0);
        assertNotEquals(r.best(), r.last());
    }

    @Test
    void trainingReleasesEveryTensor() {
        long before = cpu.openTensors();
        trainer(DType.FLOAT32, 5, 1, null, 0).fit(cpu, training, validation, TrainingListener.NONE);
        assertEquals(before, cpu.openTensors());
    }
}
