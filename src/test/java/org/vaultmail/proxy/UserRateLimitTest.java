package org.vaultmail.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proxy requests are budgeted per user, independently of other users. */
class UserRateLimitTest {

    @Test
    void beyondTheBudgetAUserWaitsAndOthersDoNot() {
        UserRateLimit limit = new UserRateLimit(3);

        for (int i = 0; i < 3; i++) assertThat(limit.tryAcquire(1L)).isZero();
        assertThat(limit.tryAcquire(1L)).isBetween(1L, 61L);
        assertThat(limit.tryAcquire(2L)).isZero();
    }

    @Test
    void zeroTurnsTheLimitOff() {
        UserRateLimit limit = new UserRateLimit(0);

        for (int i = 0; i < 1000; i++) assertThat(limit.tryAcquire(1L)).isZero();
    }
}
