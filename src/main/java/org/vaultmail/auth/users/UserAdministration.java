package org.vaultmail.auth.users;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.AuthPolicy;
import org.vaultmail.auth.session.SessionStore;
import org.vaultmail.auth.session.Sessions;

/**
 * What the operator console may do with users: list and search them with their last sign-in, MFA
 * status and active sessions; end all their sessions; reset their second factor.
 */
@NamedInterface("users")
public final class UserAdministration {

    /** One user as the console shows it. */
    public record UserSummary(long id, String address, Instant lastSignInAt, boolean mfa, long activeSessions) {
    }

    private final JdbcClient jdbc;
    private final SessionStore store;
    private final Sessions sessions;
    private final UserMfa mfa;
    private final AuthPolicies policies;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    UserAdministration(JdbcClient jdbc, SessionStore store, Sessions sessions, UserMfa mfa, AuthPolicies policies, Clock clock,
                       ApplicationEventPublisher events, TransactionTemplate tx) {
        this.events = events;
        this.tx = tx;
        this.jdbc = jdbc;
        this.store = store;
        this.sessions = sessions;
        this.mfa = mfa;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * Users whose address contains {@code search} (case-insensitive; all when blank), most recent sign-in first, each
     * with the number of sessions the current policy still allows (not merely those before their stored expiry).
     */
    public List<UserSummary> search(@Nullable String search, int limit) {
        String like = "%" + (search == null ? "" : search.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        List<Object> params = new ArrayList<>(SessionStore.allowedParams(clock.instant(), policies.current()));
        params.addAll(List.of(like, limit));
        return jdbc.sql("""
                        SELECT u.id, u.address, u.last_sign_in_at,
                               (SELECT COUNT(*) FROM user_mfa m WHERE m.user_id = u.id AND m.confirmed_at IS NOT NULL) AS mfa,
                               (SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id AND %s) AS active
                        FROM users u WHERE LOWER(u.address) LIKE ? ESCAPE '\\'
                        ORDER BY u.last_sign_in_at DESC, u.id LIMIT ?""".formatted(SessionStore.ALLOWED))
                .params(params)
                .query((rs, i) -> new UserSummary(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getLong(4) > 0, rs.getLong(5)))
                .list();
    }

    public Optional<UserSummary> find(long userId) {
        return jdbc.sql("SELECT address FROM users WHERE id = ?").param(userId).query(String.class).optional()
                .flatMap(address -> search(address, 50).stream().filter(u -> u.id() == userId).findFirst());
    }

    /**
     * Ends every session of the user that has not passed its stored expiry, also those a shortened policy limit
     * already refuses (a longer limit later would let them in again); returns how many were active under the
     * current policy, the number the users page showed.
     */
    public int revokeAll(long userId) {
        Instant now = clock.instant();
        AuthPolicy policy = policies.current();
        int n = 0;
        for (SessionStore.Row row : store.activeFor(userId, now)) {
            boolean active = row.allowedBy(policy, now);
            if (sessions.revoke(userId, row.id(), SessionRevoked.Reason.BY_OPERATOR) && active) n++;
        }
        return n;
    }

    /**
     * An operator ends every active session of the user; returns how many. When any was ended,
     * {@link UserChangedByOperator} is published in a transaction of its own (the user is told by mail).
     */
    public int revokeAll(long userId, ByOperator by) {
        int n = revokeAll(userId);
        if (n > 0) {
            find(userId).ifPresent(u -> tx.executeWithoutResult(s -> events.publishEvent(
                    changed(u.id(), u.address(), UserChangedByOperator.Change.SESSIONS_ENDED, by))));
        }
        return n;
    }

    /** Turns the user's second factor off (lost device); false when none was set up. */
    public boolean resetMfa(long userId) {
        return find(userId).map(u -> mfa.reset(userId, u.address())).orElse(false);
    }

    /**
     * An operator turns the user's second factor off; {@link UserChangedByOperator} is published in the
     * transaction that deletes it. False when none was set up.
     */
    public boolean resetMfa(long userId, ByOperator by) {
        return find(userId).map(u -> mfa.reset(userId, u.address(),
                changed(userId, u.address(), UserChangedByOperator.Change.MFA_RESET, by))).orElse(false);
    }

    private UserChangedByOperator changed(long userId, String address, UserChangedByOperator.Change change, ByOperator by) {
        return new UserChangedByOperator(UUID.randomUUID(), userId, address, change, by.name(), by.clientAddress(),
                clock.instant());
    }
}
