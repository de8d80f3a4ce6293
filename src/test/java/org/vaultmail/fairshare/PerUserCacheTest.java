package org.vaultmail.fairshare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each user's entries are bounded on their own; the node-wide bound takes from whoever holds the most. */
class PerUserCacheTest {

    @Test
    void aUserOverTheirShareLosesTheirOwnLeastRecentlyUsedEntry() {
        PerUserCache<String, String> cache = PerUserCache.counting(2, 10);
        cache.put(1, "a", "1");
        cache.put(1, "b", "2");
        cache.get(1, "a");
        cache.put(1, "c", "3");

        assertThat(cache.get(1, "b")).as("least recently used").isNull();
        assertThat(cache.get(1, "a")).isEqualTo("1");
        assertThat(cache.get(1, "c")).isEqualTo("3");
    }

    @Test
    void whenEveryoneFillsTheNodeTheHeaviestUserLosesNotTheLightOne() {
        PerUserCache<String, String> cache = PerUserCache.counting(4, 6);
        cache.put(9, "light", "x");
        for (int i = 0; i < 4; i++) cache.put(1, "a" + i, "x");
        for (int i = 0; i < 4; i++) cache.put(2, "b" + i, "x");

        assertThat(cache.get(9, "light")).isEqualTo("x");
        assertThat(cache.size()).isLessThanOrEqualTo(6);
        assertThat(cache.weightOf(2)).as("the user adding, on a tie").isLessThanOrEqualTo(cache.weightOf(1) + 1);
    }

    @Test
    void weighedEntriesCountTheirWeightAndOneHeavierThanAShareIsNotKept() {
        PerUserCache<String, String> cache = new PerUserCache<>(10, 100, String::length);
        cache.put(1, "big", "x".repeat(11));
        cache.put(1, "a", "x".repeat(6));
        cache.put(1, "b", "x".repeat(6));

        assertThat(cache.get(1, "big")).isNull();
        assertThat(cache.get(1, "a")).isNull();
        assertThat(cache.weightOf(1)).isEqualTo(6);
    }

    @Test
    void removingASessionsEntriesKeepsTheUsersOthers() {
        PerUserCache<String, String> cache = PerUserCache.counting(10, 10);
        cache.put(1, "s1/x", "x");
        cache.put(1, "s2/x", "x");
        cache.removeIf(1, (k, v) -> k.startsWith("s1/"));

        assertThat(cache.get(1, "s1/x")).isNull();
        assertThat(cache.get(1, "s2/x")).isEqualTo("x");
    }
}
