package org.vaultmail.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition every 50 ms until it holds; fails naming {@code what} when {@code timeout} passes first. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        Instant until = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) throw new AssertionError("timed out waiting for " + what);
            pause();
        }
    }

    /**
     * Polls {@code value} until {@code done} accepts it and returns that value; on timeout fails naming {@code what}
     * and the last value seen (so a failure says how far it got, as an assertion after a hand-written loop did).
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> value, Predicate<? super T> done) {
        Instant until = Instant.now().plus(timeout);
        while (true) {
            T seen = value.get();
            if (done.test(seen)) return seen;
            if (Instant.now().isAfter(until)) throw new AssertionError("timed out waiting for " + what + "; last seen: " + seen);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
