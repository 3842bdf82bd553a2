package org.atomstack.backend.cuda.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument block of one {@code cuLaunchKernel}: each argument value in native memory and
 * the {@code void*[]} of pointers to them, in declaration order of the kernel's parameters.
 * Values live in a confined arena that {@link #close()} frees (the driver copies them during
 * the launch call). Not thread-safe: one per launch, on one thread.
 */
final class KernelArgs implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final List<MemorySegment> values = new ArrayList<>();

    /** A device pointer ({@code T*}). */
    KernelArgs pointer(long devicePointer) {
        return i64(devicePointer);
    }

    /** An {@code int} or the bits of an {@code unsigned int} / {@code float}. */
    KernelArgs i32(int v) {
        MemorySegment s = arena.allocate(JAVA_INT);
        s.set(JAVA_INT, 0, v);
        values.add(s);
        return this;
    }

    /** A {@code long long} or the bits of an {@code unsigned long long} / {@code double}. */
    KernelArgs i64(long v) {
        MemorySegment s = arena.allocate(JAVA_LONG);
        s.set(JAVA_LONG, 0, v);
        values.add(s);
        return this;
    }

    /** A struct of 64-bit fields passed by value. */
    KernelArgs struct(long[] words) {
        MemorySegment s = arena.allocate(JAVA_LONG, words.length);
        MemorySegment.copy(words, 0, s, JAVA_LONG, 0, words.length);
        values.add(s);
        return this;
    }

    /** Number of arguments so far. */
    int size() {
        return values.size();
    }

    /** The {@code void*[]} for {@code cuLaunchKernel}'s kernelParams. */
    MemorySegment array() {
        MemorySegment a = arena.allocate(ADDRESS, Math.max(values.size(), 1));
        for (int i = 0; i < values.size(); i++) {
            a.setAtIndex(ADDRESS, i, values.get(i));
        }
        return a;
    }

    @Override
    public void close() {
        arena.close();
    }
}
