package org.vaultmail.admin.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** ADR 0027: "busy" means not checked and not counted, so a check is either run and waited for, or never run. */
class Argon2GateTest {

    @Test
    void aCheckAlreadyRunningWhenTheWaitEndsIsWaitedForInsteadOfBeingReportedBusy() {
        try (Argon2Gate gate = new Argon2Gate(1, 1, Duration.ofMillis(50))) {
            String result = gate.run(() -> {
                Thread.sleep(300); // a slow verification: it started in time, it ends after the wait
                return "checked";
            });
            assertThat(result).isEqualTo("checked");
        }
    }

    @Test
    void aCheckStillQueuedWhenTheWaitEndsIsReportedBusyAndNeverRuns() throws Exception {
        try (Argon2Gate gate = new Argon2Gate(1, 1, Duration.ofMillis(50))) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> gate.run(() -> {
                holding.countDown();
                release.await(); // holds the only thread until released
                return "first";
            }));
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean ran = new AtomicBoolean();
            assertThatThrownBy(() -> gate.run(() -> ran.getAndSet(true))).isInstanceOf(OperatorSignInBusyException.class);
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
            // the queued check would have run by now if it had been left in the queue
            assertThat(gate.run(() -> "after")).isEqualTo("after");
            assertThat(ran).isFalse();
        }
    }
}
