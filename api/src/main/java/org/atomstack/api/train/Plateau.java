package org.atomstack.api.train;

import java.util.Arrays;

/**
 * Reduce-on-plateau (PyTorch {@code ReduceLROnPlateau}, mode min, relative threshold, no
 * cooldown): an epoch improves if its loss L &lt; best · (1 − threshold) (for best &gt; 0;
 * L &lt; best − threshold·|best| in general); then best = L and the count of bad epochs resets.
 * Otherwise the count grows, and when it exceeds {@code patience} the rate becomes
 * max(η · factor, minimum) and the count resets. The state is the rate, the best loss and the
 * count.
 */
public final class Plateau implements LearningRateSchedule {
    private final double initial;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final double minimum;
    private double rate;
    private double best = Double.POSITIVE_INFINITY;
    private int bad;

    /**
     * A plateau schedule starting at {@code initial}.
     *
     * @param initial   η₀, finite and &gt; 0
     * @param factor    multiplier in (0, 1)
     * @param patience  bad epochs tolerated before reducing, ≥ 0
     * @param threshold relative improvement needed, ≥ 0
     * @param minimum   lower bound of the rate, in [0, η₀]
     * @throws IllegalArgumentException quoting a bad value
     */
    public Plateau(double initial, double factor, int patience, double threshold, double minimum) {
        if (!(initial > 0) || !Double.isFinite(initial)) {
            throw new IllegalArgumentException("initial learning rate must be finite and > 0, got " + initial);
        }
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("plateau factor must be in (0, 1), got " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("plateau patience must be >= 0, got " + patience);
        }
        if (!(threshold >= 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("plateau threshold must be finite and >= 0, got " + threshold);
        }
        if (!(minimum >= 0 && minimum <= initial)) {
            throw new IllegalArgumentException("plateau minimum must be in [0, " + initial + "], got " + minimum);
        }
        this.initial = initial;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.minimum = minimum;
        this.rate = initial;
    }

    @Override
    public double learningRate() {
        return rate;
    }

    @Override
    public void epochEnd(double monitoredLoss) {
        if (monitoredLoss < best - threshold * Math.abs(best) || (best == Double.POSITIVE_INFINITY && monitoredLoss < best)) {
            best = monitoredLoss;
            bad = 0;
            return;
        }
        bad++;
        if (bad > patience) {
            rate = Math.max(rate * factor, minimum);
            bad = 0;
        }
    }

    /** The best loss seen so far (+∞ before any). */
    public double best() {
        return best;
    }

    /** Bad epochs since the last improvement or reduction. */
    public int badEpochs() {
        return bad;
    }

    private double[] settings() {
        return new double[] {initial, factor, patience, threshold, minimum};
    }

    @Override
    public SavedState state() {
        return SavedState.builder().put("plateau", settings()).put("rate", rate).put("best", best).put("bad", bad).build();
    }

    @Override
    public void restore(SavedState state) {
        if (!state.has("plateau") || !Arrays.equals(state.get("plateau"), settings())) {
            throw new IllegalArgumentException("not the state of " + this + ": " + state);
        }
        rate = state.scalar("rate");
        best = state.scalar("best");
        bad = (int) state.scalar("bad");
    }

    @Override
    public String toString() {
        return "plateau(" + initial + ", factor " + factor + ", patience " + patience + ", threshold " + threshold
            + ", minimum " + minimum + ")";
    }
}
