package org.vaultmail.admin.operators;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bulkhead for operator password checks (ADR 0027). Argon2id is built to be costly (19 MiB, all CPU): run on the
 * requests' virtual threads, a few hundred at once would hold every carrier thread and gigabytes of heap, and
 * health checks and users' requests would wait behind them. Here they run on a few platform threads of their own
 * with a short queue; a check that finds the queue full, or is still queued when the wait ends, is refused as busy
 * (never run); one that has started by then is waited for, since it is counted and settled like any other.
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
        // who claims first decides: the gate thread starts the check, or the waiter gives up on it. Not Future.cancel,
        // which also "succeeds" on a check already running: it would go on, counted and settled, behind a "busy" reply
        AtomicBoolean claimed = new AtomicBoolean();
        Future<T> future;
        try {
            future = pool.submit(() -> {
                if (!claimed.compareAndSet(false, true)) throw new CancellationException("given up as busy");
                return check.call();
            });
        } catch (RejectedExecutionException e) {
            throw new OperatorSignInBusyException();
        }
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (claimed.compareAndSet(false, true)) throw givenUp(future); // still queued: it will not run
            return uninterruptibly(future); // already running: it ends within one verification
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (claimed.compareAndSet(false, true)) throw givenUp(future);
            return uninterruptibly(future);
        } catch (ExecutionException e) {
            throw unwrapped(e);
        }
    }

    private OperatorSignInBusyException givenUp(Future<?> future) {
        future.cancel(false);
        pool.remove((Runnable) future);
        return new OperatorSignInBusyException();
    }

    /** The result of a check that has started: its outcome is counted and settled, so it is not dropped. */
    private static <T> T uninterruptibly(Future<T> future) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw unwrapped(e);
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException unwrapped(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) return r;
        if (e.getCause() instanceof Error err) throw err;
        return new IllegalStateException("operator sign-in check failed", e.getCause());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
