package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LimitBucketsTest {

    private final LimitBuckets<String> buckets = new LimitBuckets<>(Duration.ofMinutes(1), 3);

    @Test
    void aKeyKeepsItsBucketWhileTheLimitStaysAndGetsAFullOneOfTheNewLimitWhenItChanges() {
        assertThat(buckets.of("a", 1000).tryConsume(999)).isTrue();
        assertThat(buckets.of("a", 1000).getAvailableTokens()).as("the same bucket").isLessThan(100);

        assertThat(buckets.of("a", 2).getAvailableTokens()).isEqualTo(2);
        assertThat(buckets.of("a", 2).tryConsume(2)).isTrue();
        assertThat(buckets.of("a", 2).getAvailableTokens()).isZero();
        assertThat(buckets.of("a", 1000).getAvailableTokens()).as("back to the old limit: everyone starts again").isEqualTo(1000);
    }

    @Test
    void moreKeysThanTheBoundStartEveryBucketAgain() {
        for (String key : new String[] {"a", "b", "c", "d"}) assertThat(buckets.of(key, 5).tryConsume(5)).isTrue();
        assertThat(buckets.of("a", 5).getAvailableTokens()).as("4 keys > 3: a new generation").isEqualTo(5);
    }
}
