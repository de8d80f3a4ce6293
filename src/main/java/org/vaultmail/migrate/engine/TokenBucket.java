package org.vaultmail.migrate.engine;

import java.util.function.LongSupplier;

/**
 * A token bucket that lends: {@link #take} reserves what it asks for at once, even more than the bucket holds (a 50 MB
 * message against a 10 MB/s limit), and the taker sleeps off the debt. The long-run rate is then exact and the excess
 * over any window is at most one second's burst. Time comes from an injectable ticker so tests can be deterministic.
 */
final class TokenBucket {

    /** Sleeps for a number of nanoseconds; tests pass one that advances their fake ticker. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;

        Sleeper REAL = nanos -> {
            if (nanos > 0) Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        };
    }

    private static final double NANOS = 1e9;

    private final double perSecond;
    private final double capacity;
    private final LongSupplier ticker;
    private final Sleeper sleeper;
    private double balance;
    private long last;

    /** @param perSecond tokens per second; the burst is one second's worth */
    TokenBucket(double perSecond, LongSupplier ticker, Sleeper sleeper) {
        if (!(perSecond > 0)) throw new IllegalArgumentException("rate must be positive");
        this.perSecond = perSecond;
        this.capacity = perSecond;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.last = ticker.getAsLong();
        this.balance = capacity;
    }

    static TokenBucket realTime(double perSecond) {
        return new TokenBucket(perSecond, System::nanoTime, Sleeper.REAL);
    }

    /** Takes {@code tokens}, blocking as long as the bucket is in debt after taking them. */
    void take(double tokens) throws InterruptedException {
        if (tokens <= 0) return;
        sleeper.sleepNanos(reserve(tokens));
    }

    /** Books the tokens and returns how long the caller must wait (the debt at this rate); no waiting under the lock. */
    synchronized long reserve(double tokens) {
        long now = ticker.getAsLong();
        balance = Math.min(capacity, balance + (now - last) * perSecond / NANOS);
        last = now;
        balance -= tokens;
        return balance >= 0 ? 0 : (long) Math.ceil(-balance / perSecond * NANOS);
    }

    double perSecond() {
        return perSecond;
    }
}
