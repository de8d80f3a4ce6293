package org.vaultmail.migrate.jobs;

/**
 * A rate limit (units per second, a burst of one second's worth): {@link #take} blocks until the units may go. A
 * take larger than the burst (one big message) is allowed and paid back by the following waits, so the average holds.
 */
final class TokenBucket {

    private final double perSecond;
    private double tokens;
    private long last;

    TokenBucket(double perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.last = System.nanoTime();
    }

    void take(double units) throws InterruptedException {
        if (perSecond <= 0 || units <= 0) return;
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            tokens -= units;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
        }
        if (waitNanos > 0) Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
    }
}
