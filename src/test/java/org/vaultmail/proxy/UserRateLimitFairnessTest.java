package org.vaultmail.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The proxy's budget is one user's, whatever the number of their sessions, and no amount of other traffic resets a
 * spent budget (issue 12 item 8: before, 100 001 buckets cleared every bucket, and each new session had a fresh budget).
 */
class UserRateLimitFairnessTest {

    @Test
    void floodingTheLimiterWithKeysDoesNotResetAnotherUsersSpentBudget() {
        UserRateLimit limit = new UserRateLimit(3);
        for (int i = 0; i < 3; i++) assertThat(limit.tryAcquire(2L)).isZero();
        assertThat(limit.tryAcquire(2L)).as("bob has spent his budget").isPositive();

        for (long user = 1_000; user < 1_000 + UserRateLimit.TRIM_ABOVE + 10; user++) limit.tryAcquire(user);

        assertThat(limit.tryAcquire(2L)).as("still spent: nobody else's traffic resets it").isPositive();
    }

    @Test
    void fullBucketsAreForgottenSoMemoryStaysBounded() {
        UserRateLimit limit = new UserRateLimit(60_000_000); // a token back every microsecond: buckets are full again at once
        for (long user = 0; user < UserRateLimit.TRIM_ABOVE * 3L; user++) limit.tryAcquire(user);

        assertThat(limit.tracked()).as("refilled buckets are forgotten").isLessThanOrEqualTo(UserRateLimit.TRIM_ABOVE + 1);
    }
}
