package org.atomstack.model.linear.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The worker threads of one training or evaluation run. Work is split only in ways that never
 * combine floating-point values across threads (each task writes its own output), so every
 * result is bitwise identical for any thread count. With one thread everything runs on the
 * caller. Created per run and closed at its end; holds no static state.
 */
final class Workers implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool; // null when single-threaded

    /**
     * @param threads number of worker threads, at least 1
     */
    Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            AtomicInteger counter = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "atomstack-linear-" + counter.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Number of worker threads. */
    int threads() {
        return threads;
    }

    /**
     * Runs {@code body.accept(t)} for every task t in 0..tasks-1 and returns when all are done.
     * Must not be called from a worker thread.
     *
     * @throws RuntimeException the first failure of a task (unwrapped)
     */
    void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        if (pool == null || tasks == 1) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int task = t;
            futures.add(pool.submit(() -> body.accept(task)));
        }
        for (Future<?> f : futures) {
            await(f);
        }
    }

    /** Starts {@code work} on a worker (or runs it now when single-threaded). */
    <T> Future<T> submit(Callable<T> work) {
        if (pool == null) {
            try {
                return CompletableFuture.completedFuture(work.call());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return pool.submit(work);
    }

    /**
     * Waits for {@code future} and returns its value.
     *
     * @throws RuntimeException the task's own exception, unwrapped
     */
    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a worker", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
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
