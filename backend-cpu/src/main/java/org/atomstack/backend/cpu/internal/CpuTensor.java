package org.atomstack.backend.cpu.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.atomstack.api.tensor.DType;
import org.atomstack.api.tensor.Shape;
import org.atomstack.api.tensor.Tensor;
import org.atomstack.api.tensor.TensorOps;

/**
 * A tensor of the CPU backend: a shape, a dtype and a row-major Java array ({@code double[]}
 * for FLOAT64, {@code float[]} for FLOAT32, {@code int[]} for INT32). The array is never
 * modified after construction, so tensors made by {@code reshape} share it. Closing drops the
 * reference to the array and decrements the owner's live-tensor count exactly once;
 * {@link #close()} is thread-safe and idempotent.
 */
final class CpuTensor implements Tensor {
    private final CpuBackend owner;
    private final Shape shape;
    private final DType dtype;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Object data;

    /** Wraps {@code data} (not copied), which must be the storage array of {@code dtype} with shape.size() elements. */
    CpuTensor(CpuBackend owner, Shape shape, DType dtype, Object data) {
        this.owner = owner;
        this.shape = shape;
        this.dtype = dtype;
        this.data = data;
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
    CpuBackend owner() {
        return owner;
    }

    @Override
    public boolean closed() {
        return closed.get();
    }

    /** The storage array; callers check {@link #closed()} first (through the backend). */
    Object data() {
        Object d = data;
        if (d == null) {
            throw new IllegalStateException("tensor " + shape + " " + dtype + " is closed");
        }
        return d;
    }

    /** FLOAT64 storage. */
    double[] f64() {
        return (double[]) data();
    }

    /** FLOAT32 storage. */
    float[] f32() {
        return (float[]) data();
    }

    /** INT32 storage. */
    int[] i32() {
        return (int[]) data();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            data = null;
            owner.released();
        }
    }

    @Override
    public String toString() {
        return "CpuTensor" + shape + " " + dtype + (closed() ? " (closed)" : "");
    }
}
