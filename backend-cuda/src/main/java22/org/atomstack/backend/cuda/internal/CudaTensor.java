package org.atomstack.backend.cuda.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;

/**
 * A tensor of the CUDA backend: shape, dtype and a view of a {@link DeviceBuffer} in row-major
 * order. Closing releases the view exactly once; the device memory is freed when no tensor
 * views it any more. {@link #close()} is thread-safe and idempotent.
 */
final class CudaTensor implements Tensor {
    private final CudaBackend owner;
    private final Shape shape;
    private final DType dtype;
    private final DeviceBuffer buffer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A view of {@code buffer} (whose reference the tensor now owns). */
    CudaTensor(CudaBackend owner, Shape shape, DType dtype, DeviceBuffer buffer) {
        this.owner = owner;
        this.shape = shape;
        this.dtype = dtype;
        this.buffer = buffer;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public TensorOps ops() {
        return owner;
    }

    /** The backend that made this tensor. */
    CudaBackend owner() {
        return owner;
    }

    /** The device memory viewed. */
    DeviceBuffer buffer() {
        return buffer;
    }

    /** The device address of element 0. */
    long pointer() {
        return buffer.pointer();
    }

    @Override
    public boolean closed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owner.released(this);
        }
    }

    @Override
    public String toString() {
        return "CudaTensor" + shape + " " + dtype + (closed() ? " (closed)" : "");
    }
}
