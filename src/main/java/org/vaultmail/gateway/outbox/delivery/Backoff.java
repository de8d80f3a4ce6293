package org.vaultmail.gateway.outbox.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS architecture blog, 2015), floored at half. */
record Backoff(Duration base, Duration max) {

    /** The delay before attempt {@code attempts + 1}: between half and all of min(max, base·2^(attempts-1)). */
    Duration after(int attempts) {
        long ceiling = base.toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
        if (ceiling <= 0 || ceiling > max.toMillis()) ceiling = max.toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
