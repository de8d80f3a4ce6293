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
    void moreKeysThanTheBoundNeverGiveASpentBucketBackWhileFullOnesMakeRoom() {
        assertThat(buckets.of("spent", 5).tryConsume(5)).isTrue();
        for (String key : new String[] {"b", "c", "d", "e", "f"}) buckets.of(key, 5); // new keys, nothing spent
        assertThat(buckets.of("spent", 5).getAvailableTokens()).as("one client's many keys never reset another's bucket")
                .isZero();
    }

    @Test
    void onlyWhenEveryBucketIsInUseAndTwiceTheBoundIsReachedDoesEveryoneStartAgain() {
        for (String key : new String[] {"a", "b", "c", "d", "e", "f"}) assertThat(buckets.of(key, 5).tryConsume(1)).isTrue();
        assertThat(buckets.of("a", 5).getAvailableTokens()).as("6 keys in use, bound 3: kept up to twice the bound").isEqualTo(4);
        assertThat(buckets.of("g", 5).tryConsume(1)).isTrue();
        assertThat(buckets.of("a", 5).getAvailableTokens()).as("beyond twice the bound: a new generation, memory stays bounded")
                .isEqualTo(5);
    }

    @Test
    void anUnboundedSetOfBucketsHandsOutBuckets() {
        LimitBuckets<String> unbounded = new LimitBuckets<>(Duration.ofHours(1), Integer.MAX_VALUE);
        assertThat(unbounded.of("user", 20).tryConsume(1)).as("twice the bound must not overflow into a negative limit")
                .isTrue();
        assertThat(unbounded.of("user", 20).getAvailableTokens()).isEqualTo(19);
    }
}
