package org.vaultmail.migrate.engine;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of {@code min(cap, base × 2^n)},
 * so retries of many workers spread out but none retries at once.
 */
final class Backoff {

    private final long baseNanos;
    private final long capNanos;
    private final DoubleSupplier random;

    Backoff(Duration base, Duration cap, DoubleSupplier random) {
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
        this.random = random;
    }

    static Backoff of(EngineSettings settings) {
        return new Backoff(settings.backoffBase(), settings.backoffCap(),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** The wait before retry number {@code attempt} (0 for the first retry). */
    Duration delay(int attempt) {
        long ceiling = attempt >= 62 ? capNanos : Math.min(capNanos, baseNanos << Math.min(attempt, 40));
        if (ceiling < 0) ceiling = capNanos; // shifted past Long.MAX_VALUE
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
