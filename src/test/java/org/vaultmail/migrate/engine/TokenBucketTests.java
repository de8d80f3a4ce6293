package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketTests {

    private static final long SECOND = 1_000_000_000L;

    /** A ticker that only moves when the bucket makes its caller sleep. */
    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final TokenBucket.Sleeper sleeper = nanos -> now.addAndGet(nanos);

    @Test
    void rateHoldsWithinTenPercentOverAnyMinute() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(100, now::get, sleeper);
        Random random = new Random(14);
        List<long[]> granted = new ArrayList<>(); // {time, tokens}
        long start = now.get();
        while (now.get() < start + 180 * SECOND) {
            int tokens = 1 + random.nextInt(20);
            bucket.take(tokens);
            granted.add(new long[] {now.get(), tokens});
            if (random.nextInt(10) == 0) now.addAndGet(random.nextInt(300) * 1_000_000L); // the caller's own work
        }
        for (long from = start; from + 60 * SECOND <= start + 180 * SECOND; from += 7 * SECOND) {
            long f = from;
            long inWindow = granted.stream().filter(g -> g[0] >= f && g[0] < f + 60 * SECOND).mapToLong(g -> g[1]).sum();
            assertThat(inWindow).as("tokens in the minute from %d s", (from - start) / SECOND).isBetween(5400L, 6600L);
        }
    }

    @Test
    void takingMoreThanTheBucketHoldsSleepsOffTheDebt() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(100, now::get, sleeper);
        long before = now.get();
        bucket.take(250); // 100 in the bucket, 150 owed at 100/s
        assertThat(now.get() - before).isEqualTo(1_500_000_000L);
        bucket.take(50); // nothing left: half a second
        assertThat(now.get() - before).isEqualTo(2_000_000_000L);
    }

    @Test
    void idleTimeRefillsNoMoreThanOneSecondsBurst() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(100, now::get, sleeper);
        bucket.take(100);
        now.addAndGet(60 * SECOND); // idle a minute
        long before = now.get();
        bucket.take(150);
        assertThat(now.get() - before).isEqualTo(500_000_000L);
    }

    @Test
    void hostRateHoldsInRealTimeAcrossThreads() throws Exception {
        HostLimits limits = new HostLimits(new HostLimits.Limit(8, 200, 0), Map.of());
        limits.pace("h:1", 200, 0); // drain the burst so the window measures the rate alone
        AtomicLong taken = new AtomicLong();
        long end = System.nanoTime() + 2 * SECOND;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        limits.pace("h:1", 5, 0);
                        if (System.nanoTime() <= end) taken.addAndGet(5);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) t.join();
        assertThat(taken.get()).isBetween(360L, 440L);
    }
}
