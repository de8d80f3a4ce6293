package org.vaultmail.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.vaultmail.auth.SessionHolder;
import org.vaultmail.auth.policy.AuthPolicies;

/**
 * Ends what this node holds for sessions that have ended anywhere (ADR 0029). {@code SessionRevoked} is a local event,
 * and an expiry (idle, absolute, or a policy that shortened them) is no event at all; so every {@code interval} one
 * query asks which of the sessions held here ({@link SessionHolder}s: event streams, pooled IMAP connections) the
 * current policy still allows, and the others are ended in every holder. A revocation on another node therefore
 * reaches this one within the interval, a shortened policy within the interval plus {@link AuthPolicies#REFRESH}.
 */
public final class SessionLiveness implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionLiveness.class);

    private final SessionStore store;
    private final AuthPolicies policies;
    private final ObjectProvider<SessionHolder> holders;
    private final Clock clock;
    private final Duration interval;
    private @Nullable ScheduledExecutorService timer;
    private volatile boolean running;

    SessionLiveness(SessionStore store, AuthPolicies policies, ObjectProvider<SessionHolder> holders, Clock clock, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("vaultmail.auth.session-check-interval must be positive");
        }
        this.store = store;
        this.policies = policies;
        this.holders = holders;
        this.clock = clock;
        this.interval = interval;
    }

    /** One round: the held sessions, one query, and the ended ones closed. Returns how many were ended. */
    int check() {
        List<SessionHolder> all = holders.orderedStream().toList();
        Set<String> held = new HashSet<>();
        for (SessionHolder holder : all) held.addAll(holder.heldSessions());
        if (held.isEmpty()) return 0;
        Set<String> allowed;
        try {
            allowed = store.allowedAmong(held, clock.instant(), policies.current());
        } catch (RuntimeException e) {
            // the database is away: keep what is open (requests are refused meanwhile) and ask again next round
            log.warn("Cannot check the sessions held on this node: {}", e.getClass().getSimpleName());
            return 0;
        }
        int ended = 0;
        for (String id : held) {
            if (allowed.contains(id)) continue;
            ended++;
            for (SessionHolder holder : all) {
                try {
                    holder.sessionEnded(id);
                } catch (RuntimeException e) {
                    log.warn("Closing what was held for an ended session failed: {}", e.getClass().getSimpleName());
                }
            }
        }
        return ended;
    }

    private void round() {
        try {
            check();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again
            log.warn("Session check failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("vaultmail-session-check").factory());
        timer.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (timer != null) timer.shutdownNow();
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
