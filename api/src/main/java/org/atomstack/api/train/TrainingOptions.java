package org.atomstack.api.train;

import java.nio.file.Path;
import java.util.Objects;
import org.atomstack.api.tensor.DType;

/**
 * Settings of a {@link Trainer} run.
 *
 * @param epochs          total number of epochs (a resumed run continues up to this count), ≥ 1
 * @param batchSize       structures per mini-batch, ≥ 1 (ignored by full-batch optimisers)
 * @param seed            seeds the initial parameters and the batch order; the order of epoch n
 *                        depends only on (seed, n)
 * @param dtype           precision of parameters and computation (FLOAT64 or FLOAT32)
 * @param patience        early stopping: stop after this many epochs without improvement of
 *                        the monitored loss; 0 disables early stopping
 * @param minDelta        early stopping: an epoch improves if its loss is below best − minDelta (≥ 0)
 * @param checkpoint      checkpoint file, or null for none
 * @param checkpointEvery write the checkpoint every this many epochs (≥ 0; 0 = only at the end);
 *                        it is always written when the run ends
 */
public record TrainingOptions(int epochs, int batchSize, long seed, DType dtype, int patience, double minDelta,
                              Path checkpoint, int checkpointEvery) {
    /** Validates, quoting bad values. */
    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.floating()) {
            throw new IllegalArgumentException("training needs a floating dtype, not " + dtype);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("early-stopping patience must be >= 0, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("early-stopping min delta must be finite and >= 0, got " + minDelta);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + checkpointEvery);
        }
    }

    /** 100 epochs, batches of 8, seed 0, float64, no early stopping, no checkpoint. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(100, 8, 0, DType.FLOAT64, 0, 0, null, 0);
    }

    /** With another epoch count. */
    public TrainingOptions withEpochs(int n) {
        return new TrainingOptions(n, batchSize, seed, dtype, patience, minDelta, checkpoint, checkpointEvery);
    }

    /** With another batch size. */
    public TrainingOptions withBatchSize(int n) {
        return new TrainingOptions(epochs, n, seed, dtype, patience, minDelta, checkpoint, checkpointEvery);
    }

    /** With another seed. */
    public TrainingOptions withSeed(long s) {
        return new TrainingOptions(epochs, batchSize, s, dtype, patience, minDelta, checkpoint, checkpointEvery);
    }

    /** With another precision. */
    public TrainingOptions withDtype(DType d) {
        return new TrainingOptions(epochs, batchSize, seed, d, patience, minDelta, checkpoint, checkpointEvery);
    }

    /** With early stopping after {@code newPatience} epochs without an improvement larger than {@code newMinDelta}. */
    public TrainingOptions withEarlyStopping(int newPatience, double newMinDelta) {
        return new TrainingOptions(epochs, batchSize, seed, dtype, newPatience, newMinDelta, checkpoint, checkpointEvery);
    }

    /** With a checkpoint file written every {@code every} epochs (0 = only at the end). */
    public TrainingOptions withCheckpoint(Path file, int every) {
        return new TrainingOptions(epochs, batchSize, seed, dtype, patience, minDelta, Objects.requireNonNull(file, "file"), every);
    }
}
