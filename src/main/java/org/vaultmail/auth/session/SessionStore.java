package org.vaultmail.auth.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.auth.policy.AuthPolicy;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;

/** The {@code sessions} and {@code session_successors} tables, through plain SQL. *
 * <p>Why this is long: the {@code sessions} table: one statement per method (insert, the lookups, refresh rotation and
 * reuse detection, credentials, touch, revoke, purge) and the row mapping; a repository, long because the table has
 * many uses.
 */
public final class SessionStore {

    static final SealedColumn SUCCESSOR_COLUMN = new SealedColumn("session_successors", "session_id", "token", "key_id",
            "user_id", Purpose.SESSION);

    /**
     * One session row (without the successor).
     *
     * @param oauthProvider the OAuth provider the session signed in with (ADR 0045), null for a password sign-in
     * @param signInMethod how the session signed in (V58), null for a session opened before V58 (or with a code this
     *                     version does not know)
     */
    public record Row(String id, long userId, String address, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
               Instant absoluteExpiresAt, boolean remember, @Nullable String userAgent, @Nullable String clientAddress,
               @Nullable Instant revokedAt, byte[] credentials, @Nullable Instant rotatedAt, @Nullable String oauthProvider,
               @Nullable SignInMethod signInMethod) {

        boolean activeAt(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt) && now.isBefore(absoluteExpiresAt);
        }

        /** Whether the session may still be used: its stored expiries, and the current policy's limits. */
        public boolean allowedBy(AuthPolicy policy, Instant now) {
            return activeAt(now) && policy.allows(createdAt, lastSeenAt, remember, now);
        }

        @Override
        public String toString() {
            return "Session[" + id + ", user " + userId + "]";
        }
    }

    private static final String SELECT = "SELECT s.id, s.user_id, u.address, s.created_at, s.last_seen_at, s.expires_at,"
            + " s.absolute_expires_at, s.remember, s.user_agent, s.client_address, s.revoked_at, s.credentials, s.rotated_at,"
            + " s.oauth_provider, s.sign_in_method"
            + " FROM sessions s JOIN users u ON u.id = s.user_id ";

    /**
     * The rows {@link Row#allowedBy} accepts, as a condition over {@code s} (parameters from {@link #allowedParams}):
     * not revoked, before the stored expiries, and within the current policy's idle limit since the last use and
     * absolute limit since creation, so a count or list matches what a request would accept (ADR 0022).
     */
    public static final String ALLOWED = "s.revoked_at IS NULL AND s.expires_at > ? AND s.absolute_expires_at > ? AND s.created_at > ?"
            + " AND ((s.remember = TRUE AND s.last_seen_at > ?) OR (s.remember = FALSE AND s.last_seen_at > ?))";

    public static List<Object> allowedParams(Instant now, AuthPolicy policy) {
        return List.of(utc(now), utc(now), utc(now.minus(policy.absoluteTimeout())),
                utc(now.minus(policy.rememberIdleTimeout())), utc(now.minus(policy.idleTimeout())));
    }

    private record Expiries(String id, Instant createdAt, Instant lastSeenAt, boolean remember, Instant expiresAt,
                            Instant absoluteExpiresAt) {
    }

    /**
     * Brings the stored expiries of live sessions within {@code policy}'s idle and absolute limits (never extends
     * them); returns how many rows changed. Called inside the policy save's transaction (ADR 0022, ADR 0033).
     */
    int clampExpiries(AuthPolicy policy, Instant now) {
        List<Expiries> live = jdbc.sql("""
                SELECT id, created_at, last_seen_at, remember, expires_at, absolute_expires_at FROM sessions
                 WHERE revoked_at IS NULL AND expires_at > ? AND absolute_expires_at > ?""")
                .params(utc(now), utc(now))
                .query((rs, n) -> new Expiries(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getBoolean(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
        int clamped = 0;
        for (Expiries e : live) {
            Instant idleEnd = e.lastSeenAt().plus(policy.idle(e.remember()));
            Instant absoluteEnd = e.createdAt().plus(policy.absoluteTimeout());
            Instant expires = idleEnd.isBefore(e.expiresAt()) ? idleEnd : e.expiresAt();
            Instant absolute = absoluteEnd.isBefore(e.absoluteExpiresAt()) ? absoluteEnd : e.absoluteExpiresAt();
            if (expires.equals(e.expiresAt()) && absolute.equals(e.absoluteExpiresAt())) continue;
            clamped += jdbc.sql("UPDATE sessions SET expires_at = ?, absolute_expires_at = ? WHERE id = ?")
                    .params(utc(expires), utc(absolute), e.id()).update();
        }
        return clamped;
    }

    private static List<Object> withLast(List<Object> params, Object last) {
        List<Object> all = new ArrayList<>(params);
        all.add(last);
        return all;
    }

    /** Session ids per query of {@link #allowedAmong}. */
    static final int CHECK_CHUNK = 1000;

    private final JdbcClient jdbc;

    SessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Row r, Sealed credentials, byte[] refreshHash) {
        jdbc.sql("""
                INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, absolute_expires_at, remember,
                    user_agent, client_address, credentials, credentials_key_id, refresh_hash, sign_in_method)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.userId(), utc(r.createdAt()), utc(r.lastSeenAt()), utc(r.expiresAt()),
                        utc(r.absoluteExpiresAt()), r.remember(), r.userAgent(), r.clientAddress(), credentials.ciphertext(),
                        credentials.keyId(), refreshHash, r.signInMethod() == null ? null : r.signInMethod().code())
                .update();
    }

    public Optional<Row> find(String id) {
        return jdbc.sql(SELECT + "WHERE s.id = ?").param(id).query(SessionStore::row).optional();
    }

    Optional<Row> findByRefreshHash(byte[] hash) {
        return jdbc.sql(SELECT + "WHERE s.refresh_hash = ?").param(hash).query(SessionStore::row).optional();
    }

    Optional<Row> findByPreviousRefreshHash(byte[] hash) {
        return jdbc.sql(SELECT + "WHERE s.previous_refresh_hash = ?").param(hash).query(SessionStore::row).optional();
    }

    public List<Row> activeFor(long userId, Instant now) {
        return jdbc.sql(SELECT + "WHERE s.user_id = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND s.absolute_expires_at > ?"
                        + " ORDER BY s.last_seen_at DESC, s.id")
                .params(userId, utc(now), utc(now)).query(SessionStore::row).list();
    }

    /**
     * Every session of every user that {@code policy} still allows, most recently seen first (the operator's sessions
     * page): filtered in SQL, so the limit counts only sessions a request would accept.
     */
    List<Row> allActive(Instant now, AuthPolicy policy, int limit) {
        return jdbc.sql(SELECT + "WHERE " + ALLOWED + " ORDER BY s.last_seen_at DESC, s.id LIMIT ?")
                .params(withLast(allowedParams(now, policy), limit)).query(SessionStore::row).list();
    }

    /**
     * Of {@code ids}, those {@link #ALLOWED} now under {@code policy}: what a node holds for sessions (event streams,
     * pooled IMAP connections) is checked in one query per {@value #CHECK_CHUNK} sessions, not one per session (ADR 0029).
     */
    Set<String> allowedAmong(Collection<String> ids, Instant now, AuthPolicy policy) {
        Set<String> allowed = new HashSet<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += CHECK_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHECK_CHUNK));
            List<Object> params = new ArrayList<>(chunk);
            params.addAll(allowedParams(now, policy));
            allowed.addAll(jdbc.sql("SELECT s.id FROM sessions s WHERE s.id IN (" + String.join(",", Collections.nCopies(chunk.size(), "?"))
                    + ") AND " + ALLOWED).params(params).query(String.class).list());
        }
        return allowed;
    }

    /** Compare-and-set rotation: false when another request rotated this token first. Records the old hash. */
    boolean rotate(String id, byte[] oldHash, byte[] newHash, Instant now, Instant expiresAt) {
        boolean won = jdbc.sql("""
                UPDATE sessions SET refresh_hash = ?, previous_refresh_hash = ?, rotated_at = ?, last_seen_at = ?, expires_at = ?
                WHERE id = ? AND refresh_hash = ? AND revoked_at IS NULL""")
                .params(newHash, oldHash, utc(now), utc(now), utc(expiresAt), id, oldHash).update() == 1;
        if (won) {
            jdbc.sql("INSERT INTO session_refresh_history (refresh_hash, session_id) VALUES (?, ?)").params(oldHash, id).update();
        }
        return won;
    }

    /** The session that once used a refresh token with this hash (any number of rotations ago). */
    Optional<Row> findByRetiredRefreshHash(byte[] hash) {
        return jdbc.sql(SELECT + "JOIN session_refresh_history h ON h.session_id = s.id WHERE h.refresh_hash = ?")
                .param(hash).query(SessionStore::row).optional();
    }

    /**
     * Marks a session as signed in with OAuth at {@code providerId} (its credentials are {@link SessionOAuthTokens}) as
     * the provider's account {@code subject} (ADR 0047 amendment; null leaves none recorded).
     */
    void markOAuth(String id, String providerId, @Nullable OAuthSubject subject) {
        jdbc.sql("UPDATE sessions SET oauth_provider = ?, oauth_issuer = ?, oauth_subject = ? WHERE id = ?")
                .params(providerId, subject == null ? null : subject.issuer(), subject == null ? null : subject.subject(), id)
                .update();
    }

    /** The provider's account an OAuth session signed in as, if one was recorded (sessions since V52). */
    public Optional<OAuthSubject> oauthSubject(String id) {
        return jdbc.sql("SELECT oauth_issuer, oauth_subject FROM sessions WHERE id = ?").param(id)
                .query((rs, n) -> rs.getString(1) == null || rs.getString(2) == null ? Optional.<OAuthSubject>empty()
                        : Optional.of(new OAuthSubject(rs.getString(1), rs.getString(2))))
                .optional().flatMap(o -> o);
    }

    /** The provider a session signed in with, if it is an OAuth session (ADR 0045). */
    public Optional<String> oauthProvider(String id) {
        return jdbc.sql("SELECT oauth_provider FROM sessions WHERE id = ?").param(id)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(o -> o);
    }

    /**
     * Inside a transaction: the session's sealed credentials, its row locked until the transaction ends (one token
     * refresh per session across all nodes); empty when it was revoked.
     */
    Optional<byte[]> lockCredentials(String id) {
        return jdbc.sql("SELECT credentials FROM sessions WHERE id = ? AND revoked_at IS NULL FOR UPDATE").param(id)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** Replaces the sealed credentials of an active session (a changed SMTP login, refreshed OAuth tokens). */
    public boolean updateCredentials(String id, Sealed credentials) {
        return jdbc.sql("UPDATE sessions SET credentials = ?, credentials_key_id = ? WHERE id = ? AND revoked_at IS NULL")
                .params(credentials.ciphertext(), credentials.keyId(), id).update() == 1;
    }

    void touch(String id, Instant now, Instant expiresAt) {
        jdbc.sql("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(utc(now), utc(expiresAt), id).update();
    }

    boolean revoke(String id, Instant now) {
        jdbc.sql("DELETE FROM session_successors WHERE session_id = ?").param(id).update();
        return jdbc.sql("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").params(utc(now), id).update() == 1;
    }

    void saveSuccessor(String sessionId, long userId, Sealed token, Instant validUntil) {
        jdbc.sql("DELETE FROM session_successors WHERE session_id = ?").param(sessionId).update();
        jdbc.sql("INSERT INTO session_successors (session_id, user_id, token, key_id, valid_until) VALUES (?, ?, ?, ?, ?)")
                .params(sessionId, userId, token.ciphertext(), token.keyId(), utc(validUntil)).update();
    }

    /** The sealed successor token, if still within its grace window. */
    Optional<byte[]> successor(String sessionId, Instant now) {
        return jdbc.sql("SELECT token FROM session_successors WHERE session_id = ? AND valid_until >= ?")
                .params(sessionId, utc(now)).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** Deletes ended sessions and stale successors; returns how many sessions went. */
    int purge(Instant now) {
        jdbc.sql("DELETE FROM session_successors WHERE valid_until < ?").param(utc(now)).update();
        return jdbc.sql("DELETE FROM sessions WHERE revoked_at IS NOT NULL OR expires_at <= ? OR absolute_expires_at <= ?")
                .params(utc(now), utc(now)).update();
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant required(ResultSet rs, String column) throws SQLException {
        Instant t = instant(rs, column);
        if (t == null) throw new SQLException(column + " is null");
        return t;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("id"), rs.getLong("user_id"), rs.getString("address"), required(rs, "created_at"),
                required(rs, "last_seen_at"), required(rs, "expires_at"), required(rs, "absolute_expires_at"),
                rs.getBoolean("remember"), rs.getString("user_agent"), rs.getString("client_address"),
                instant(rs, "revoked_at"), rs.getBytes("credentials"), instant(rs, "rotated_at"), rs.getString("oauth_provider"),
                SignInMethod.ofCode(rs.getString("sign_in_method")).orElse(null));
    }
}
