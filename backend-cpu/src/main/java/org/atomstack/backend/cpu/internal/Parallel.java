package org.atomstack.backend.cpu.internal;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend's worker pool and its only way of splitting work: an index range is cut into
 * contiguous chunks, each chunk writes a disjoint part of the output, and no floating-point
 * value is ever combined across chunks. Results are therefore bitwise identical for any
 * number of threads. Work below {@link #GRAIN} units runs on the calling thread.
 */
final class Parallel implements AutoCloseable {
    /** Work units (roughly: multiply-adds or element visits) below which a chunk is not split further. */
    static final long GRAIN = 1L << 15;

    /** An immutable single-threaded instance, for work that is already parallel at an outer level. */
    static final Parallel SERIAL = new Parallel(1);

    private final int threads;
    private final ForkJoinPool pool; // null when single-threaded

    /** A body over a half-open index range. */
    @FunctionalInterface
    interface RangeBody {
        /** Processes indices {@code from..to-1}. */
        void run(int from, int to);
    }

    /** A pool of {@code threads} workers (none when 1); workers are daemon threads named "atomstack-cpu-N". */
    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            AtomicInteger counter = new AtomicInteger();
            this.pool = new ForkJoinPool(threads, p -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                t.setName("atomstack-cpu-" + counter.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, null, false);
        }
    }

    /** Number of worker threads. */
    int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over {@code 0..n-1}, split into contiguous chunks when the total work
     * {@code n · costPerItem} is large enough; returns when every chunk is done. Exceptions of a
     * chunk are rethrown.
     */
    void forRange(int n, long costPerItem, RangeBody body) {
        if (n <= 0) {
            return;
        }
        long work = (long) n * Math.max(1, costPerItem);
        int chunks = (int) Math.min(n, Math.min(threads * 4L, work / GRAIN));
        if (pool == null || chunks <= 1) {
            body.run(0, n);
            return;
        }
        RecursiveAction[] tasks = new RecursiveAction[chunks];
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks[c] = new RecursiveAction() {
                @Override
                protected void compute() {
                    body.run(from, to);
                }
            };
        }
        if (ForkJoinTask.inForkJoinPool() && Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == pool) {
            ForkJoinTask.invokeAll(tasks);
        } else {
            pool.invoke(new RecursiveAction() {
                @Override
                protected void compute() {
                    invokeAll(tasks);
                }
            });
        }
    }

    /** Stops the workers; idempotent. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
