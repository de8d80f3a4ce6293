package org.vaultmail.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Polls a condition every 50 ms until it holds; fails naming {@code what} when {@code timeout} passes first. A
 * condition may throw (IMAP, HTTP, SQL): an exception ends the wait at once as a failure, as it did in the
 * hand-written loops this replaces.
 */
public final class Await {

    private Await() {
    }

    /** A condition that may throw a checked exception. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** A value read each round; may throw a checked exception. */
    @FunctionalInterface
    public interface Probe<T> {
        T read() throws Exception;
    }

    public static void until(String what, Duration timeout, Condition condition) {
        Instant until = Instant.now().plus(timeout);
        while (!holds(what, condition)) {
            if (Instant.now().isAfter(until)) throw new AssertionError("timed out waiting for " + what);
            pause();
        }
    }

    /**
     * Polls {@code value} until {@code done} accepts it and returns that value; on timeout fails naming {@code what}
     * and the last value seen (so a failure says how far it got, as an assertion after a hand-written loop did).
     */
    public static <T> T until(String what, Duration timeout, Probe<T> value, Predicate<? super T> done) {
        Instant until = Instant.now().plus(timeout);
        while (true) {
            T seen = read(what, value);
            if (done.test(seen)) return seen;
            if (Instant.now().isAfter(until)) throw new AssertionError("timed out waiting for " + what + "; last seen: " + seen);
            pause();
        }
    }

    private static boolean holds(String what, Condition condition) {
        return read(what, condition::holds);
    }

    private static <T> T read(String what, Probe<T> value) {
        try {
            return value.read();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        } catch (Exception e) {
            throw new AssertionError("failed waiting for " + what + ": " + e, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50); // the poll interval
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
