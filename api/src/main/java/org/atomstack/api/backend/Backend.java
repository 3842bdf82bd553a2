package org.atomstack.api.backend;

import org.atomstack.api.tensor.TensorOps;

/**
 * An open compute backend: the fixed tensor operation set ({@link TensorOps}) on one device.
 * Thread-safe. {@link #close()} releases its device resources (thread pools, device memory
 * of tensors still open) deterministically; using it afterwards throws
 * {@link IllegalStateException}.
 */
public interface Backend extends TensorOps, AutoCloseable {
    /** Id of the provider, e.g. "cpu" or "cuda". */
    String id();

    /** Human-readable device description (e.g. "2 CPU threads"). */
    String device();

    /** Tensors of this backend that are open now (allocated and not closed), for leak tests. */
    long openTensors();

    /** Releases resources; idempotent. */
    @Override
    void close();
}
