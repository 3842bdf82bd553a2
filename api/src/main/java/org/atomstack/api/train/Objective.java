package org.atomstack.api.train;

import java.util.List;
import org.atomstack.api.tensor.Tensor;

/**
 * The function an {@link Optimizer} minimises: loss and gradient at given parameters (for
 * example the {@link Loss} of one mini-batch). Optimisers may evaluate it several times per
 * step (line searches).
 */
@FunctionalInterface
public interface Objective {
    /**
     * Evaluates the loss and its gradient.
     *
     * @param parameters one tensor per parameter; they stay the caller's
     * @return the loss and one gradient tensor per parameter, of the same shapes and dtype;
     *     the caller closes it, which releases the gradients
     */
    Evaluation evaluate(List<Tensor> parameters);

    /**
     * A loss value with its gradients. Closing it releases the gradient tensors (and whatever
     * produced them, e.g. a graph).
     */
    final class Evaluation implements AutoCloseable {
        private final double loss;
        private final List<Tensor> gradients;
        private final AutoCloseable resources;
        private boolean closed;

        /**
         * An evaluation holding {@code resources} until closed.
         *
         * @param loss      the loss value
         * @param gradients ∂loss/∂parameter, one per parameter
         * @param resources closed by {@link #close()} (it must release the gradients)
         */
        public Evaluation(double loss, List<Tensor> gradients, AutoCloseable resources) {
            this.loss = loss;
            this.gradients = List.copyOf(gradients);
            this.resources = resources;
        }

        /** The loss value. */
        public double loss() {
            return loss;
        }

        /** The gradients (unmodifiable; valid until {@link #close()}). */
        public List<Tensor> gradients() {
            return gradients;
        }

        /** Releases the gradients; idempotent. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                resources.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not release an evaluation", e);
            }
        }
    }
}
