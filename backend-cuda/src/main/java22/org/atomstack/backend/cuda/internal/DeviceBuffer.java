package org.atomstack.backend.cuda.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device allocation, shared by the tensors that view it ({@code reshape}, same-dtype
 * {@code cast}, {@code sumTo} to the same shape): reference-counted, freed by its backend when
 * the last tensor is closed or when the backend closes. Device contents never change after the
 * operation that filled them, so an INT32 buffer can keep a host copy of its indices and the
 * grouped form that scatter-add uploads once per row count. Thread-safe.
 */
final class DeviceBuffer {
    private final long pointer;
    private final long bytes;
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean freed = new AtomicBoolean();
    private final ConcurrentHashMap<Integer, DeviceBuffer> groups = new ConcurrentHashMap<>();
    private volatile int[] hostInts;

    /** A buffer of {@code bytes} at {@code pointer} (0 when bytes is 0), with one reference. */
    DeviceBuffer(long pointer, long bytes) {
        this.pointer = pointer;
        this.bytes = bytes;
    }

    /** The device address (0 for an empty buffer). */
    long pointer() {
        return pointer;
    }

    /** Size in bytes. */
    long bytes() {
        return bytes;
    }

    /** Adds a reference (for one more tensor viewing the buffer). */
    void retain() {
        references.incrementAndGet();
    }

    /** Adds a reference unless the buffer already lost its last one; whether it did. */
    boolean tryRetain() {
        int r;
        do {
            r = references.get();
            if (r <= 0) {
                return false;
            }
        } while (!references.compareAndSet(r, r + 1));
        return true;
    }

    /** Drops a reference; true when it was the last. */
    boolean release() {
        return references.decrementAndGet() == 0;
    }

    /** Marks the memory freed; true for the one caller that must free it. */
    boolean markFreed() {
        return freed.compareAndSet(false, true);
    }

    /** The cached host copy of INT32 contents, or null. */
    int[] hostInts() {
        return hostInts;
    }

    /** Caches the host copy of INT32 contents (the caller no longer modifies the array). */
    void hostInts(int[] values) {
        hostInts = values;
    }

    /** Per row count, the uploaded {@link IndexGroups} of this index buffer. */
    ConcurrentHashMap<Integer, DeviceBuffer> groups() {
        return groups;
    }
}
