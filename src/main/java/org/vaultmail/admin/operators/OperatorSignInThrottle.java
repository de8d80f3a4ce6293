package org.vaultmail.admin.operators;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.signin.ClientKey;
import org.vaultmail.auth.signin.ClientKeys;

/**
 * Failed console sign-ins counted in the database per operator name and per client address (ADR 0027), with
 * users' schedule (ADR 0010): after a threshold each further attempt waits, doubling to a cap. Each attempt is
 * <em>reserved</em> (counted) in one transaction before its password is checked, holding the counters' rows, so
 * that however many arrive at once, on however many nodes, no more than the threshold get to the check per wait.
 * A sibling of auth's {@code SignInThrottle} rather than a user of it: its own table, names instead of addresses.
 */
final class OperatorSignInThrottle {

    static final String NAME = "name";
    static final String CLIENT = "client";

    /** A counted attempt, to be settled as {@link #succeeded}, {@link #failed} or {@link #released}. */
    record Reservation(String name, @Nullable String client, List<Lockout> starts) {
    }

    /** A counter that reached its threshold with this attempt: from now on its subject waits. */
    record Lockout(String kind, String subject, Instant until, int failures) {
    }

    private record Counter(int failures, Instant lastFailureAt) {
    }

    private final JdbcClient jdbc;
    private final OperatorSignInProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ClientKeys clients;

    OperatorSignInThrottle(JdbcClient jdbc, OperatorSignInProperties properties, Clock clock, TransactionTemplate tx,
                           ClientKeys clients) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.tx = tx;
        this.clients = clients;
    }

    /**
     * Counts the attempt against the name and the client (keyed like users' sign-ins: IPv6 by network, ADR 0025);
     * empty (nothing counted) while either must wait.
     */
    Optional<Reservation> reserve(String name, @Nullable String clientAddress) {
        ClientKey clientKey = clients.of(clientAddress);
        String client = clientKey == null ? null : clientKey.asString();
        for (int attempt = 0; ; attempt++) {
            try {
                return Optional.ofNullable(tx.execute(status -> {
                    Instant now = now();
                    List<Lockout> starts = new ArrayList<>(2);
                    if (!take(NAME, name, properties.nameFailures(), now, starts)
                            || client != null && !take(CLIENT, client, properties.clientFailures(), now, starts)) {
                        status.setRollbackOnly();
                        return null;
                    }
                    return new Reservation(name, client, List.copyOf(starts));
                }));
            } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
                if (attempt == 4) throw e; // another node inserted or locked the same counter first: read it again
            }
        }
    }

    /** The right password and code: the name's counter goes; the client's attempt is given back. */
    void succeeded(Reservation r) {
        jdbc.sql("DELETE FROM operator_signin_failures WHERE kind = ? AND subject = ?").params(NAME, key(r.name())).update();
        if (r.client() != null) giveBack(CLIENT, r.client());
    }

    /** A wrong password or code: the attempt stays counted; returns the lockouts it started, for the audit log. */
    List<Lockout> failed(Reservation r) {
        return r.starts();
    }

    /** Not checked at all (the node was busy, or an error): both attempts are given back. */
    void released(Reservation r) {
        giveBack(NAME, r.name());
        if (r.client() != null) giveBack(CLIENT, r.client());
    }

    /** Deletes counters whose last failure is older than the reset period. */
    int purge() {
        return jdbc.sql("DELETE FROM operator_signin_failures WHERE last_failure_at < ?")
                .param(at(now().minus(properties.reset()))).update();
    }

    /** Under the row's lock: false if the subject must still wait, else counts one more failure. */
    private boolean take(String kind, String subject, int threshold, Instant now, List<Lockout> starts) {
        String key = key(subject);
        Optional<Counter> row = jdbc.sql("""
                        SELECT failures, last_failure_at FROM operator_signin_failures WHERE kind = ? AND subject = ? FOR UPDATE""")
                .params(kind, key)
                .query((rs, n) -> new Counter(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant())).optional();
        int failures = row.filter(c -> c.lastFailureAt().plus(properties.reset()).isAfter(now)).map(Counter::failures).orElse(0);
        if (failures > 0) {
            Duration wait = properties.waitAfter(failures, threshold);
            if (row.get().lastFailureAt().plus(wait).isAfter(now)) return false;
        }
        int counted = failures + 1;
        if (row.isEmpty()) {
            jdbc.sql("INSERT INTO operator_signin_failures (kind, subject, failures, last_failure_at) VALUES (?, ?, ?, ?)")
                    .params(kind, key, counted, at(now)).update();
        } else {
            jdbc.sql("UPDATE operator_signin_failures SET failures = ?, last_failure_at = ? WHERE kind = ? AND subject = ?")
                    .params(counted, at(now), kind, key).update();
        }
        if (counted == threshold) starts.add(new Lockout(kind, subject, now.plus(properties.waitAfter(counted, threshold)), counted));
        return true;
    }

    private void giveBack(String kind, String subject) {
        jdbc.sql("UPDATE operator_signin_failures SET failures = failures - 1 WHERE kind = ? AND subject = ? AND failures > 0")
                .params(kind, key(subject)).update();
    }

    /** Microseconds, as the database stores them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String key(String subject) {
        return subject.length() > 320 ? subject.substring(0, 320) : subject;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
