package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class HostLimitsTests {

    private final HostLimits limits = new HostLimits(new HostLimits.Limit(3, 0, 0), Map.of("big:993", new HostLimits.Limit(10, 0, 0)));

    @Test
    void connectionsBeyondTheCapWaitUntilOneIsGivenBack() throws Exception {
        HostLimits.Permits first = limits.acquire(List.of("a:143", "a:143"));
        HostLimits.Permits second = limits.acquire(List.of("a:143", "b:143"));
        assertThat(limits.inUse("a:143")).isEqualTo(3);
        AtomicBoolean got = new AtomicBoolean();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try (HostLimits.Permits _ = limits.acquire(List.of("b:143", "a:143"))) {
                got.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.join(300);
        assertThat(got).isFalse();
        first.close();
        waiter.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(got).isTrue();
        second.close();
        assertThat(limits.inUse("a:143")).isZero();
        assertThat(limits.inUse("b:143")).isZero();
    }

    @Test
    void closingPermitsTwiceGivesThemBackOnce() throws Exception {
        HostLimits.Permits permits = limits.acquire(List.of("a:143", "b:143"));
        permits.close();
        permits.close();
        assertThat(limits.inUse("a:143")).isZero();
        try (HostLimits.Permits _ = limits.acquire(List.of("a:143", "a:143"))) {
            assertThat(limits.inUse("a:143")).isEqualTo(2);
        }
    }

    @Test
    void aHostOverrideReplacesTheDefaultCap() throws Exception {
        try (HostLimits.Permits _ = limits.acquire(List.of("big:993", "big:993"));
             HostLimits.Permits _ = limits.acquire(List.of("big:993", "big:993"))) {
            assertThat(limits.inUse("big:993")).isEqualTo(4);
        }
    }
}
