package org.atomstack.api.train;

/**
 * The outcome of a {@link Trainer} run. Immutable; arrays are copied.
 */
public final class TrainingResult {
    /** Why a run ended. */
    public enum StopReason {
        /** All epochs ran. */
        COMPLETED,
        /** The monitored loss did not improve for {@link TrainingOptions#patience()} epochs. */
        EARLY_STOPPING,
        /** The optimiser met its convergence criterion. */
        CONVERGED,
        /** The listener asked to stop ({@link org.atomstack.api.model.TrainingListener#stopRequested()}). */
        REQUESTED
    }

    private final ParameterSet best;
    private final ParameterSet last;
    private final int epochs;
    private final int bestEpoch;
    private final double bestLoss;
    private final double[] trainingLoss;
    private final double[] validationLoss;
    private final StopReason reason;

    /**
     * The outcome of a run (arrays are copied).
     *
     * @param best           parameters of the epoch with the lowest monitored loss
     * @param last           parameters at the end of the run
     * @param epochs         epochs completed (including those before a resume)
     * @param bestEpoch      the epoch of {@code best} (1-based; 0 if no epoch completed)
     * @param bestLoss       its monitored loss
     * @param trainingLoss   per completed epoch, the mean over its steps of the batch loss at the
     *                       parameters each step started from (weighted by structures per batch)
     * @param validationLoss validation loss per completed epoch (NaN without validation data)
     * @param reason         why the run ended
     */
    public TrainingResult(ParameterSet best, ParameterSet last, int epochs, int bestEpoch, double bestLoss,
                          double[] trainingLoss, double[] validationLoss, StopReason reason) {
        this.best = best;
        this.last = last;
        this.epochs = epochs;
        this.bestEpoch = bestEpoch;
        this.bestLoss = bestLoss;
        this.trainingLoss = trainingLoss.clone();
        this.validationLoss = validationLoss.clone();
        this.reason = reason;
    }

    /** Parameters of the epoch with the lowest monitored loss (the last ones if no epoch completed). */
    public ParameterSet best() {
        return best;
    }

    /** Parameters at the end of the run. */
    public ParameterSet last() {
        return last;
    }

    /** Epochs completed, including those before a resume. */
    public int epochs() {
        return epochs;
    }

    /** Epoch of {@link #best()} (1-based), 0 if none completed. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Monitored loss of the best epoch (validation loss, or training loss without validation data). */
    public double bestLoss() {
        return bestLoss;
    }

    /** Per completed epoch, the structure-weighted mean batch loss at the start of each step. */
    public double[] trainingLoss() {
        return trainingLoss.clone();
    }

    /** Validation loss per completed epoch (NaN entries without validation data). */
    public double[] validationLoss() {
        return validationLoss.clone();
    }

    /** Why the run ended. */
    public StopReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "TrainingResult[" + epochs + " epochs, best " + bestLoss + " at epoch " + bestEpoch + ", " + reason + "]";
    }
}
