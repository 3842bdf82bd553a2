package org.atomstack.api.train;

import java.util.Arrays;

/**
 * Step decay: η = η₀ · γ^⌊n/k⌋ after n finished epochs, i.e. the rate is multiplied by γ every
 * k epochs (PyTorch {@code StepLR}). The monitored loss is ignored. The state is the epoch count.
 */
public final class Step implements LearningRateSchedule {
    private final double initial;
    private final int every;
    private final double gamma;
    private long epochs;

    /**
     * A step schedule starting at {@code initial}.
     *
     * @param initial η₀, finite and &gt; 0
     * @param every   k ≥ 1 epochs between decays
     * @param gamma   γ in (0, 1]
     * @throws IllegalArgumentException quoting a bad value
     */
    public Step(double initial, int every, double gamma) {
        if (!(initial > 0) || !Double.isFinite(initial)) {
            throw new IllegalArgumentException("initial learning rate must be finite and > 0, got " + initial);
        }
        if (every < 1) {
            throw new IllegalArgumentException("step schedule needs every >= 1 epochs, got " + every);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step schedule gamma must be in (0, 1], got " + gamma);
        }
        this.initial = initial;
        this.every = every;
        this.gamma = gamma;
    }

    @Override
    public double learningRate() {
        return initial * Math.pow(gamma, epochs / every);
    }

    @Override
    public void epochEnd(double monitoredLoss) {
        epochs++;
    }

    private double[] settings() {
        return new double[] {initial, every, gamma};
    }

    @Override
    public SavedState state() {
        return SavedState.builder().put("step", settings()).put("epochs", epochs).build();
    }

    @Override
    public void restore(SavedState state) {
        if (!state.has("step") || !Arrays.equals(state.get("step"), settings())) {
            throw new IllegalArgumentException("not the state of " + this + ": " + state);
        }
        epochs = (long) state.scalar("epochs");
    }

    @Override
    public String toString() {
        return "step(" + initial + " × " + gamma + " every " + every + " epochs)";
    }
}
