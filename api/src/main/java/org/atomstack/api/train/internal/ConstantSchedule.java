package org.atomstack.api.train.internal;

import java.util.Arrays;
import org.atomstack.api.train.LearningRateSchedule;
import org.atomstack.api.train.SavedState;

/** A learning rate that never changes; its state only records the rate, for checking. */
public final class ConstantSchedule implements LearningRateSchedule {
    private final double learningRate;

    /**
     * A schedule that always answers {@code learningRate}.
     *
     * @param learningRate finite and &gt; 0
     */
    public ConstantSchedule(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void epochEnd(double monitoredLoss) {
        // constant
    }

    @Override
    public SavedState state() {
        return SavedState.builder().put("constant", learningRate).build();
    }

    @Override
    public void restore(SavedState state) {
        if (!state.has("constant") || !Arrays.equals(state.get("constant"), new double[] {learningRate})) {
            throw new IllegalArgumentException("not the state of a constant learning rate " + learningRate + ": " + state);
        }
    }

    @Override
    public String toString() {
        return "constant(" + learningRate + ")";
    }
}
