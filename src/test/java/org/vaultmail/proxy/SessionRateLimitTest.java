package org.vaultmail.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proxy requests are budgeted per session, independently of other sessions. */
class SessionRateLimitTest {

    @Test
    void beyondTheBudgetASessionWaitsAndOthersDoNot() {
        SessionRateLimit limit = new SessionRateLimit(3);

        for (int i = 0; i < 3; i++) assertThat(limit.tryAcquire("a")).isZero();
        assertThat(limit.tryAcquire("a")).isBetween(1L, 61L);
        assertThat(limit.tryAcquire("b")).isZero();
    }

    @Test
    void zeroTurnsTheLimitOff() {
        SessionRateLimit limit = new SessionRateLimit(0);

        for (int i = 0; i < 1000; i++) assertThat(limit.tryAcquire("a")).isZero();
    }
}
