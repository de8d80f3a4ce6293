package org.vaultmail.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Quoted originals are cached per user: one user replying to many messages never pushes out another's quote. */
class QuoteCacheTest {

    @Test
    void oneUserReplyingToManyMessagesNeverDropsAnotherUsersQuote() {
        QuoteCache cache = new QuoteCache(8, 64);
        cache.get(2, "b", () -> new Replies.Quote("bob", null));
        for (int i = 0; i < 200; i++) cache.get(1, "a" + i, () -> new Replies.Quote("alice", null));

        AtomicInteger loads = new AtomicInteger();
        cache.get(2, "b", () -> {
            loads.incrementAndGet();
            return new Replies.Quote("bob", null);
        });
        assertThat(loads).as("bob's quote was still cached").hasValue(0);
    }
}
