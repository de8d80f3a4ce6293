package org.vaultmail.admin.operators;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.admin.signin.*}: throttling of the console's sign-in (ADR 0027). The counters work as users'
 * sign-in throttling does (ADR 0010, same defaults); the Argon2 gate bounds the work a flood can cause on one node;
 * the audit window bounds the entries a flood can write.
 *
 * @param nameFailures      failures of one operator name (known or not) before each further attempt must wait
 * @param clientFailures    failures from one client address (any names) before it must wait
 * @param baseWait          the first wait; it doubles with each further failure
 * @param maxWait           the longest wait
 * @param reset             a counter starts again this long after its last failure
 * @param argon2Threads     Argon2id verifications at once on this node (default: half the processors, at least 1)
 * @param argon2Queue       sign-ins that may wait for a verification thread; beyond, "busy" (503) at once
 * @param argon2Wait        how long a sign-in waits in that queue before "busy"
 * @param auditWindow       failures of one name from one client after the first are written as one count per window
 * @param auditMaxKeys      names × clients audited one by one per window; failures beyond go into one overall count
 */
@ConfigurationProperties("vaultmail.admin.signin")
record OperatorSignInProperties(@Nullable Integer nameFailures, @Nullable Integer clientFailures,
                                @Nullable Duration baseWait, @Nullable Duration maxWait, @Nullable Duration reset,
                                @Nullable Integer argon2Threads, @Nullable Integer argon2Queue, @Nullable Duration argon2Wait,
                                @Nullable Duration auditWindow, @Nullable Integer auditMaxKeys) {

    OperatorSignInProperties {
        nameFailures = nameFailures == null ? 5 : nameFailures;
        clientFailures = clientFailures == null ? 20 : clientFailures;
        baseWait = baseWait == null ? Duration.ofMinutes(1) : baseWait;
        maxWait = maxWait == null ? Duration.ofMinutes(15) : maxWait;
        reset = reset == null ? Duration.ofHours(12) : reset;
        argon2Threads = argon2Threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : argon2Threads;
        argon2Queue = argon2Queue == null ? 8 : argon2Queue;
        argon2Wait = argon2Wait == null ? Duration.ofSeconds(1) : argon2Wait;
        auditWindow = auditWindow == null ? Duration.ofMinutes(1) : auditWindow;
        auditMaxKeys = auditMaxKeys == null ? 100 : auditMaxKeys;
    }

    /** As users' waits (ADR 0010): none below the threshold, then the base wait doubling per failure, capped. */
    Duration waitAfter(int failures, int threshold) {
        if (failures < threshold) return Duration.ZERO;
        Duration wait = baseWait().multipliedBy(1L << Math.min(failures - threshold, 30));
        return wait.compareTo(maxWait()) > 0 ? maxWait() : wait;
    }
}
