package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTests {

    @Test
    void delayDoublesWithJitterBetweenHalfAndAll() {
        Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.999999);
        assertThat(low.delay(0)).isEqualTo(Duration.ofMillis(50));
        assertThat(low.delay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(high.delay(3)).isBetween(Duration.ofMillis(799), Duration.ofMillis(800));
    }

    @Test
    void delayIsCapped() {
        Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.999999);
        assertThat(high.delay(10)).isBetween(Duration.ofMillis(9_999), Duration.ofSeconds(10));
        assertThat(high.delay(500)).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }
}
