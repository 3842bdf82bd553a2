package org.atomstack.api.train;

import org.atomstack.api.train.internal.ConstantSchedule;

/**
 * The learning rate as a function of training progress. The trainer reads
 * {@link #learningRate()} before every step and calls {@link #epochEnd} once after every
 * epoch with the monitored loss (the validation loss, or the training loss without validation
 * data). Stateful; the state can be saved and restored for checkpoints. One schedule serves one
 * training run; not thread-safe.
 */
public interface LearningRateSchedule {
    /** The learning rate for the coming steps (&gt; 0). */
    double learningRate();

    /**
     * Advances the schedule by one finished epoch.
     *
     * @param monitoredLoss the loss of the epoch just finished (may be NaN if unknown; a NaN
     *                      never counts as an improvement)
     */
    void epochEnd(double monitoredLoss);

    /** The state as plain arrays, for checkpoints. */
    SavedState state();

    /**
     * Restores a state returned by {@link #state()} of a schedule with the same settings.
     *
     * @throws IllegalArgumentException when the state is of another kind or settings
     */
    void restore(SavedState state);

    /**
     * A constant learning rate.
     *
     * @param learningRate finite and &gt; 0
     */
    static LearningRateSchedule constant(double learningRate) {
        return new ConstantSchedule(learningRate);
    }
}
