package org.vaultmail.auth.signin;

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
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.policy.AuthPolicy;
import org.vaultmail.auth.session.Randoms;

/**
 * Failed sign-ins counted in the database per account and per client ({@link ClientKey}: IPv6 by network), so every
 * node sees them (G9). After a threshold each further attempt waits, doubling to a cap, like Keycloak's brute-force
 * detection without permanent lockout; a counter restarts after the reset period.
 *
 * <p>Every attempt is first {@link #reserve reserved}: in one transaction that locks both counter rows, the check
 * "may it try now?" and the insert of the reservation, so parallel attempts on any number of nodes cannot all pass
 * the check before the first failure is counted. A reservation counts as a failure until it is settled
 * ({@link Attempt#failed}, {@link Attempt#succeeded}, or released by {@link Attempt#close}); so no more than the
 * threshold of guesses reach the mail server per window, whatever the concurrency (ADR 0025).
 *
 * <p>Why this is long: the reservation protocol of G9 (reserve before the bind, decide after it, lockout windows per
 * account and per client) is the statements of one transaction on one table with its row locks; spread over classes
 * it would be harder to check.
 */
public final class SignInThrottle {

    private record Counter(int failures, Instant lastFailureAt) { }

    static final String ACCOUNT = "account";
    static final String CLIENT = "client";
    /** How long a reservation counts if it is never settled (its node died): longer than any IMAP login may take. */
    static final Duration HOLD = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final Supplier<AuthPolicy> policy;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ClientKeys clients;

    /** {@code policy} is read on each use: thresholds and waits changed in the console apply at once (ADR 0022). */
    SignInThrottle(JdbcClient jdbc, Supplier<AuthPolicy> policy, Clock clock, TransactionTemplate tx, ClientKeys clients) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clock = clock;
        this.tx = tx;
        this.clients = clients;
    }

    /**
     * Reserves one attempt for {@code address} from {@code clientAddress}, or empty when either must wait (counting the
     * attempts still in progress as failures). Throws {@link SignInException.Outcome#BUSY} when the counters stay
     * locked by other attempts for too long (nothing was reserved; the caller asks nobody).
     */
    public Optional<Attempt> reserve(String address, @Nullable String clientAddress) {
        ClientKey client = clients.of(clientAddress);
        String account = key(address);
        String from = client == null ? null : key(client.asString());
        for (int pass = 0; pass < 5; pass++) {
            Instant now = now();
            ensureRow(ACCOUNT, account, now);
            if (from != null) ensureRow(CLIENT, from, now);
            Decision decision;
            try {
                decision = tx.execute(s -> decide(account, from, now));
            } catch (PessimisticLockingFailureException e) {
                throw new SignInException(SignInException.Outcome.BUSY);
            }
            if (decision == null) continue; // a counter was deleted meanwhile (success, purge): again
            if (decision.id() == null) return Optional.empty();
            return Optional.of(new Attempt(decision.id(), account, from));
        }
        throw new SignInException(SignInException.Outcome.BUSY);
    }

    /**
     * When the current wait of the account or the client ends (the later of the two), for a {@code Retry-After}
     * after {@link #reserve} refused; null when only attempts in progress hold it back (they settle within seconds).
     */
    @Nullable public Instant waitUntil(String address, @Nullable String clientAddress) {
        ClientKey client = clients.of(clientAddress);
        Instant now = now();
        AuthPolicy p = policy.get();
        Instant account = waitEnd(p, ACCOUNT, key(address), p.accountFailures());
        Instant from = client == null ? null : waitEnd(p, CLIENT, key(client.asString()), p.clientFailures());
        Instant latest = account == null ? from : from == null || account.isAfter(from) ? account : from;
        return latest != null && latest.isAfter(now) ? latest : null;
    }

    private @Nullable Instant waitEnd(AuthPolicy p, String kind, String key, int threshold) {
        return jdbc.sql("SELECT failures, last_failure_at FROM signin_failures WHERE kind = ? AND subject = ?")
                .params(kind, key)
                .query((rs, n) -> new Counter(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant())).optional()
                .map(c -> c.lastFailureAt().plus(p.waitAfter(c.failures(), threshold)))
                .orElse(null);
    }

    /** An attempt's id, or no id: it must wait. */
    private record Decision(@Nullable String id) { }

    /** In the transaction: locks the counters (account first, always, so two attempts never deadlock), checks, reserves. */
    private @Nullable Decision decide(String account, @Nullable String from, Instant now) {
        AuthPolicy p = policy.get();
        Optional<Counter> accountRow = lock(ACCOUNT, account);
        Optional<Counter> clientRow = from == null ? Optional.empty() : lock(CLIENT, from);
        if (accountRow.isEmpty() || (from != null && clientRow.isEmpty())) return null;
        if (mustWait(p, accountRow.get(), reserved(ACCOUNT, account, now), p.accountFailures(), now)) return new Decision(null);
        if (from != null && mustWait(p, clientRow.get(), reserved(CLIENT, from, now), p.clientFailures(), now)) {
            return new Decision(null);
        }
        String id = Randoms.sessionId();
        insertReservation(id, ACCOUNT, account, now);
        if (from != null) insertReservation(id, CLIENT, from, now);
        return new Decision(id);
    }

    /**
     * Whether another attempt must wait: with attempts in progress, when they and the counted failures reach the
     * threshold (they all count as failures now); without, while the wait after the last counted failure lasts.
     */
    private static boolean mustWait(AuthPolicy p, Counter counter, int inProgress, int threshold, Instant now) {
        boolean current = counter.lastFailureAt().plus(p.reset()).isAfter(now);
        int failures = current ? counter.failures() : 0;
        if (inProgress > 0) return failures + inProgress >= threshold;
        Duration wait = p.waitAfter(failures, threshold);
        return !wait.isZero() && counter.lastFailureAt().plus(wait).isAfter(now);
    }

    /** One attempt in progress; settle it once. Closing an unsettled attempt releases it without counting anything. */
    public final class Attempt implements AutoCloseable {
        private final String id;
        private final String account;
        private final @Nullable String client;
        private boolean settled;

        private Attempt(String id, String account, @Nullable String client) {
            this.id = id;
            this.account = account;
            this.client = client;
        }

        /**
         * Turns the reservation into a counted failure of the account and the client; returns a
         * {@link SignInLockoutStarted} for each whose count reached its threshold with this failure (exactly once per
         * start, on any node), for the caller to publish after the failure itself.
         */
        public List<SignInLockoutStarted> failed() {
            settled = true;
            return counted(id, account, client);
        }

        /** A successful sign-in clears the account's counter (not the client's: a spray may include a valid account). */
        void succeeded() {
            settled = true;
            tx.executeWithoutResult(s -> {
                jdbc.sql("DELETE FROM signin_failures WHERE kind = ? AND subject = ?").params(ACCOUNT, account).update();
                deleteReservation(id);
            });
        }

        /** Releases the reservation unless settled: the attempt neither failed nor succeeded (server unreachable, busy, …). */
        @Override
        public void close() {
            if (settled) return;
            settled = true;
            deleteReservation(id);
        }
    }

    private List<SignInLockoutStarted> counted(String id, String account, @Nullable String client) {
        for (int pass = 0; ; pass++) {
            try {
                List<SignInLockoutStarted> started = tx.execute(s -> {
                    List<SignInLockoutStarted> starts = new ArrayList<>(2);
                    AuthPolicy p = policy.get();
                    int accountFailures = count(ACCOUNT, account);
                    if (accountFailures == p.accountFailures()) {
                        starts.add(started(SignInLockoutStarted.Kind.ACCOUNT, account, accountFailures));
                    }
                    if (client != null) {
                        int clientFailures = count(CLIENT, client);
                        if (clientFailures == p.clientFailures()) {
                            starts.add(started(SignInLockoutStarted.Kind.CLIENT, client, clientFailures));
                        }
                    }
                    deleteReservation(id); // after counting, in the same transaction: never a moment with neither
                    return starts;
                });
                return started == null ? List.of() : started;
            } catch (DuplicateKeyException e) {
                if (pass >= 2) throw e; // another node inserted the counter first: update it on the next pass
            }
        }
    }

    private SignInLockoutStarted started(SignInLockoutStarted.Kind kind, String subject, int failures) {
        return new SignInLockoutStarted(kind, subject, now().plus(policy.get().waitAfter(failures, failures)), failures);
    }

    /** Deletes counters whose last failure is older than the reset period, and reservations that expired. */
    int purge() {
        jdbc.sql("DELETE FROM signin_attempts WHERE expires_at < ?").param(at(now())).update();
        return jdbc.sql("DELETE FROM signin_failures WHERE last_failure_at < ?")
                .param(at(now().minus(policy.get().reset()))).update();
    }

    /**
     * Counts one failure (in the caller's transaction) and returns the count it made. The update holds the row until
     * the transaction commits, so of two concurrent failures each reads its own count: exactly one sees the threshold.
     */
    private int count(String kind, String key) {
        Instant now = now();
        int updated = jdbc.sql("""
                UPDATE signin_failures
                   SET failures = CASE WHEN last_failure_at <= ? THEN 1 ELSE failures + 1 END, last_failure_at = ?
                 WHERE kind = ? AND subject = ?""")
                .params(at(now.minus(policy.get().reset())), at(now), kind, key).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO signin_failures (kind, subject, failures, last_failure_at) VALUES (?, ?, 1, ?)")
                    .params(kind, key, at(now)).update();
            return 1;
        }
        return jdbc.sql("SELECT failures FROM signin_failures WHERE kind = ? AND subject = ?").params(kind, key)
                .query(Integer.class).single();
    }

    /** A counter row to lock, with no failures if there was none (on its own, before the transaction). */
    private void ensureRow(String kind, String key, Instant now) {
        if (jdbc.sql("SELECT COUNT(*) FROM signin_failures WHERE kind = ? AND subject = ?").params(kind, key)
                .query(Integer.class).single() > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO signin_failures (kind, subject, failures, last_failure_at) VALUES (?, ?, 0, ?)")
                    .params(kind, key, at(now)).update();
        } catch (DuplicateKeyException e) {
            // another attempt made it first
        }
    }

    private Optional<Counter> lock(String kind, String key) {
        return jdbc.sql("SELECT failures, last_failure_at FROM signin_failures WHERE kind = ? AND subject = ? FOR UPDATE")
                .params(kind, key)
                .query((rs, n) -> new Counter(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant())).optional();
    }

    private int reserved(String kind, String key, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM signin_attempts WHERE kind = ? AND subject = ? AND expires_at > ?")
                .params(kind, key, at(now)).query(Integer.class).single();
    }

    private void insertReservation(String id, String kind, String key, Instant now) {
        jdbc.sql("INSERT INTO signin_attempts (id, kind, subject, expires_at) VALUES (?, ?, ?, ?)")
                .params(id, kind, key, at(now.plus(HOLD))).update();
    }

    private void deleteReservation(String id) {
        jdbc.sql("DELETE FROM signin_attempts WHERE id = ?").param(id).update();
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
