package org.atomstack.api.train;

import java.util.List;
import org.atomstack.api.tensor.Tensor;

/**
 * A gradient-based optimiser. Stateful (moments, curvature history); the state can be saved
 * into and restored from a checkpoint with {@link #state()} and {@link #restore}, after which
 * further steps are bitwise the same as without the interruption. One optimiser serves one
 * training run; not thread-safe. {@link #close()} releases any device memory it holds.
 */
public interface Optimizer extends AutoCloseable {
    /**
     * The result of a step.
     *
     * @param loss        the objective at the parameters the step started from
     * @param parameters  the new parameters (new tensors the caller owns and closes)
     * @param evaluations how many times the objective was evaluated
     */
    record Update(double loss, List<Tensor> parameters, int evaluations) {
        /** Copies the list. */
        public Update {
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * Takes a step from {@code parameters} (which stay the caller's).
     *
     * @param objective    loss and gradient at any parameters
     * @param learningRate the step size (for Adam) or initial line-search step scale (L-BFGS), &gt; 0
     */
    Update step(List<Tensor> parameters, Objective objective, double learningRate);

    /** Whether this optimiser needs the whole training set as one batch in fixed order (L-BFGS). */
    default boolean fullBatch() {
        return false;
    }

    /** Whether the optimiser has met its convergence criterion; trainers stop when it has. */
    default boolean converged() {
        return false;
    }

    /** The state as plain arrays, for checkpoints. */
    SavedState state();

    /**
     * Restores a state returned by {@link #state()} of an optimiser with the same settings.
     *
     * @throws IllegalArgumentException when the state is of another kind or does not fit
     */
    void restore(SavedState state);

    /** Releases device memory held by the optimiser (moments); idempotent. */
    @Override
    default void close() {
    }
}
