package org.atomstack.api.tensor;

/**
 * A dense, row-major tensor living on the device of the {@link TensorOps} that made it.
 * Tensors are immutable values: every operation returns a new tensor. Each tensor holds device
 * memory until {@link #close()} (idempotent); using a closed tensor throws
 * {@link IllegalStateException}. A {@link TensorScope} closes many at once.
 */
public interface Tensor extends AutoCloseable {
    /** The shape. */
    Shape shape();

    /** The element type. */
    DType dtype();

    /** The backend that owns this tensor; all operands of an op must share it. */
    TensorOps ops();

    /** Whether {@link #close()} has been called. */
    boolean closed();

    /** Releases the device memory; idempotent. */
    @Override
    void close();

    /** Convenience: a host copy of the elements as doubles (see {@link TensorOps#toDoubles}). */
    default double[] toDoubles() {
        return ops().toDoubles(this);
    }

    /** Convenience: the single element of a size-1 tensor. */
    default double item() {
        if (shape().size() != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, shape is " + shape());
        }
        return toDoubles()[0];
    }
}
