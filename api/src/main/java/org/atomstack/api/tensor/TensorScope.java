package org.atomstack.api.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects tensors and closes them together (newest first), so temporary device memory is
 * released deterministically: {@code try (TensorScope s = new TensorScope()) { s.track(...); }}.
 * Not thread-safe; use one scope per thread.
 */
public final class TensorScope implements AutoCloseable {
    private final List<Tensor> tensors = new ArrayList<>();
    private boolean closed;

    /** Tracks a tensor and returns it. */
    public <T extends Tensor> T track(T t) {
        if (closed) {
            t.close();
            throw new IllegalStateException("scope is closed");
        }
        tensors.add(t);
        return t;
    }

    /** Stops tracking {@code t} (the caller now owns it). */
    public void release(Tensor t) {
        tensors.remove(t);
    }

    /** Number of tensors tracked. */
    public int size() {
        return tensors.size();
    }

    /** Closes every tracked tensor; idempotent. */
    @Override
    public void close() {
        for (int i = tensors.size() - 1; i >= 0; i--) {
            tensors.get(i).close();
        }
        tensors.clear();
        closed = true;
    }
}
