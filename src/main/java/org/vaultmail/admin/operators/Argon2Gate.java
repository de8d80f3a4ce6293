package org.vaultmail.admin.operators;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bulkhead for operator password checks (ADR 0027). Argon2id is built to be costly (19 MiB, all CPU): run on the
 * requests' virtual threads, a few hundred at once would hold every carrier thread and gigabytes of heap, and
 * health checks and users' requests would wait behind them. Here they run on a few platform threads of their own
 * with a short queue; a check that finds the queue full, or waits longer than allowed, is refused as busy.
 */
final class Argon2Gate implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final Duration wait;

    Argon2Gate(int threads, int queue, Duration wait) {
        int n = Math.max(1, threads);
        this.pool = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(1, queue)),
                Thread.ofPlatform().name("operator-argon2-", 0).daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
        this.wait = wait;
    }

    /** Runs {@code check} on a gate thread and returns its result; {@link OperatorSignInBusyException} if none is free in time. */
    <T> T run(Callable<T> check) {
        Future<T> future;
        try {
            future = pool.submit(check);
        } catch (RejectedExecutionException e) {
            throw new OperatorSignInBusyException();
        }
        try {
            try {
                return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (future.cancel(false)) { // still queued: it will not run
                    pool.remove((Runnable) future);
                    throw new OperatorSignInBusyException();
                }
                return future.get(); // already running: it ends within one verification
            }
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new OperatorSignInBusyException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException("operator sign-in check failed", e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
