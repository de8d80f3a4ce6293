package org.vaultmail.admin.operators;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;

/**
 * Audits failed operator sign-ins so that a flood cannot bloat the log (ADR 0027): the first failure of a name from
 * a client is written at once ({@code operator.signin}, {@code failure} or {@code locked_out}); further ones are
 * counted and written as one {@code operator.signin.failed} entry per name and client per window, with the count.
 * At most {@code maxKeys} names × clients are tracked per window; beyond, a known operator's name is still counted by
 * name from any client (there are few operators, and a flood of made-up names must not hide which real operator was
 * guessed at), other failures and sign-ins refused as busy are written as one count each per window. Counts are per node, in memory; the last ones are written on shutdown.
 */
final class OperatorSignInAudit implements AutoCloseable {

    static final String ACTOR = "console";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorSignInAudit.class);

    private record Key(String name, @Nullable String client) {
    }

    private static final class Tally {
        Instant since;
        int count;
        int lockedOut;

        Tally(Instant since) {
            this.since = since;
        }
    }

    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int maxKeys;
    private final Map<Key, Tally> tallies = new HashMap<>(); // guarded by this
    private Tally overflow; // guarded by this
    private int busy; // guarded by this
    private Instant busySince; // guarded by this
    private final ScheduledExecutorService flusher;

    OperatorSignInAudit(ApplicationEventPublisher events, Clock clock, Duration window, int maxKeys) {
        this.events = events;
        this.clock = clock;
        this.maxKeys = Math.max(1, maxKeys);
        this.overflow = new Tally(clock.instant());
        this.busySince = clock.instant();
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("operator-signin-audit").daemon().factory());
        long millis = Math.max(1, window.toMillis());
        flusher.scheduleAtFixedRate(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * A wrong name, password or code ({@code lockedOut}: refused unchecked during a wait; {@code knownName}: the name is
     * an operator's, always tracked by name).
     */
    void failed(String name, @Nullable String client, @Nullable String userAgent, boolean lockedOut, boolean knownName) {
        Key key = new Key(name, client);
        synchronized (this) {
            Tally tally = tallies.get(key);
            if (tally == null && tallies.size() < maxKeys) {
                tallies.put(key, new Tally(clock.instant())); // the first of its window: written at once, below
            } else {
                // beyond the cap, a known operator's name is still counted by name (from any client), others together
                Tally counted = tally != null ? tally
                        : knownName ? tallies.computeIfAbsent(new Key(name, null), k -> new Tally(clock.instant())) : overflow;
                counted.count++;
                if (lockedOut) counted.lockedOut++;
                return;
            }
        }
        events.publishEvent(new AdminActionPerformed(ActorType.OPERATOR, name, "operator.signin", null,
                lockedOut ? "locked_out" : "failure", client, userAgent));
    }

    /** A sign-in refused unchecked because this node was busy. */
    synchronized void busy() {
        busy++;
    }

    /** Writes the counts of the window that ends now; a name × client without failures in it is forgotten. */
    void flush() {
        List<AdminActionPerformed> entries = new ArrayList<>();
        Instant now = clock.instant();
        synchronized (this) {
            for (Iterator<Map.Entry<Key, Tally>> it = tallies.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Key, Tally> e = it.next();
                Tally t = e.getValue();
                if (t.count == 0) {
                    it.remove();
                    continue;
                }
                entries.add(new AdminActionPerformed(ActorType.OPERATOR, e.getKey().name(), "operator.signin.failed", null,
                        "failure", e.getKey().client(), null, counts(t, now)));
                t.since = now;
                t.count = 0;
                t.lockedOut = 0;
            }
            if (overflow.count > 0) {
                Map<String, String> details = counts(overflow, now);
                details.put("untracked", "names and clients beyond " + maxKeys + " per window");
                entries.add(new AdminActionPerformed(ActorType.SYSTEM, ACTOR, "operator.signin.failed", null, "failure",
                        null, null, details));
            }
            overflow = new Tally(now);
            if (busy > 0) {
                entries.add(new AdminActionPerformed(ActorType.SYSTEM, ACTOR, "operator.signin.busy", null, "refused", null, null,
                        Map.of("count", Integer.toString(busy), "since", busySince.toString(), "until", now.toString())));
            }
            busy = 0;
            busySince = now;
        }
        entries.forEach(events::publishEvent);
    }

    private static Map<String, String> counts(Tally t, Instant now) {
        Map<String, String> details = new HashMap<>();
        details.put("count", Integer.toString(t.count));
        details.put("locked_out", Integer.toString(t.lockedOut));
        details.put("since", t.since.toString());
        details.put("until", now.toString());
        return details;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("operator sign-in failure counts not audited: {}", e.getClass().getName());
        }
    }

    /** Writes what is still counted, then stops. */
    @Override
    public void close() {
        flusher.shutdownNow();
        flushQuietly();
    }
}
