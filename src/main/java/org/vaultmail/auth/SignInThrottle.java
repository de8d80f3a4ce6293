package org.vaultmail.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed sign-ins counted in the database per account and per client address, so every node sees
 * them (G9). After a threshold each further attempt waits, doubling to a cap, like Keycloak's
 * brute-force detection without permanent lockout; a counter restarts after the reset period.
 */
final class SignInThrottle {

    private record Counter(int failures, Instant lastFailureAt) { }

    static final String ACCOUNT = "account";
    static final String CLIENT = "client";

    private final JdbcClient jdbc;
    private final Supplier<AuthPolicy> policy;
    private final Clock clock;
    private final TransactionTemplate tx;

    /** {@code policy} is read on each use: thresholds and waits changed in the console apply at once (ADR 0022). */
    SignInThrottle(JdbcClient jdbc, Supplier<AuthPolicy> policy, Clock clock, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clock = clock;
        this.tx = tx;
    }

    /** Until when sign-ins of {@code address} or from {@code client} must wait, if they must. */
    Optional<Instant> lockedUntil(String address, @Nullable String client) {
        Instant now = now();
        AuthPolicy p = policy.get();
        Instant account = until(p, ACCOUNT, address, p.accountFailures());
        Instant from = client == null ? null : until(p, CLIENT, client, p.clientFailures());
        Instant latest = account == null ? from : from == null || account.isAfter(from) ? account : from;
        return latest != null && latest.isAfter(now) ? Optional.of(latest) : Optional.empty();
    }

    /**
     * Counts one failure against the account and the client address; returns a {@link SignInLockoutStarted}
     * for each whose count reached its threshold with this failure (exactly once per start, on any node),
     * for the caller to publish after the failure itself.
     */
    List<SignInLockoutStarted> failed(String address, @Nullable String client) {
        List<SignInLockoutStarted> started = new ArrayList<>(2);
        AuthPolicy p = policy.get();
        int accountFailures = count(ACCOUNT, address);
        if (accountFailures == p.accountFailures()) started.add(started(SignInLockoutStarted.Kind.ACCOUNT, address, accountFailures));
        if (client != null) {
            int clientFailures = count(CLIENT, client);
            if (clientFailures == p.clientFailures()) started.add(started(SignInLockoutStarted.Kind.CLIENT, client, clientFailures));
        }
        return started;
    }

    private SignInLockoutStarted started(SignInLockoutStarted.Kind kind, String subject, int failures) {
        return new SignInLockoutStarted(kind, key(subject), now().plus(policy.get().waitAfter(failures, failures)), failures);
    }

    /** A successful sign-in clears the account's counter (not the client's: a spray may include a valid account). */
    void succeeded(String address) {
        jdbc.sql("DELETE FROM signin_failures WHERE kind = ? AND subject = ?").params(ACCOUNT, key(address)).update();
    }

    /** Deletes counters whose last failure is older than the reset period. */
    int purge() {
        return jdbc.sql("DELETE FROM signin_failures WHERE last_failure_at < ?")
                .param(at(now().minus(policy.get().reset()))).update();
    }

    private @Nullable Instant until(AuthPolicy p, String kind, String subject, int threshold) {
        Optional<Counter> row = jdbc.sql("SELECT failures, last_failure_at FROM signin_failures WHERE kind = ? AND subject = ?")
                .params(kind, key(subject))
                .query((rs, n) -> new Counter(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant())).optional();
        if (row.isEmpty()) return null;
        Instant last = row.get().lastFailureAt();
        if (!last.plus(p.reset()).isAfter(now())) return null;
        Duration wait = p.waitAfter(row.get().failures(), threshold);
        return wait.isZero() ? null : last.plus(wait);
    }

    /**
     * One atomic update (or insert) per counter, so concurrent nodes never lose a failure; returns the count
     * this failure made. The update and the read are one transaction, and the update holds the row until it
     * commits, so of two concurrent failures each reads its own count: exactly one sees the threshold.
     */
    private int count(String kind, String subject) {
        Instant now = now();
        Duration reset = policy.get().reset();
        String key = key(subject);
        for (int attempt = 0; attempt < 3; attempt++) {
            Integer counted = tx.execute(s -> {
                int updated = jdbc.sql("""
                        UPDATE signin_failures
                           SET failures = CASE WHEN last_failure_at <= ? THEN 1 ELSE failures + 1 END, last_failure_at = ?
                         WHERE kind = ? AND subject = ?""")
                        .params(at(now.minus(reset)), at(now), kind, key).update();
                if (updated == 0) return null;
                return jdbc.sql("SELECT failures FROM signin_failures WHERE kind = ? AND subject = ?").params(kind, key)
                        .query(Integer.class).single();
            });
            if (counted != null) return counted;
            try {
                jdbc.sql("INSERT INTO signin_failures (kind, subject, failures, last_failure_at) VALUES (?, ?, 1, ?)")
                        .params(kind, key, at(now)).update();
                return 1;
            } catch (DuplicateKeyException e) {
                // another node inserted it first: update it on the next pass
            }
        }
        return 0;
    }

    /** Microseconds, as the database stores them (H2 would round nanoseconds up, PostgreSQL truncates). */
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
