package org.vaultmail.oauth.grants;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.vaultmail.oauth.GrantView;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;

/** SQL of {@code oauth_grants} (V47) and {@code oauth_refresh_failures}; no crypto here, ciphertext in and out. */
final class GrantRows {

    static final SealedColumn REFRESH_TOKEN = new SealedColumn("oauth_grants", "id", "refresh_token", "refresh_token_key_id",
            "user_id", Purpose.CREDENTIALS);
    static final SealedColumn ACCESS_TOKEN = new SealedColumn("oauth_grants", "id", "access_token", "access_token_key_id",
            "user_id", Purpose.CREDENTIALS);
    private static final String COLUMNS = "id, user_id, provider, purpose, email, subject, scopes, state, refresh_token, "
            + "access_token, access_expires_at, created_at, last_refresh_at, last_failure_at, last_failure";

    private final JdbcClient jdbc;

    GrantRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long userId, String provider, OAuthPurpose purpose, String email, String subject, Set<String> scopes,
                Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO oauth_grants (user_id, provider, purpose, email, subject, scopes, state, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'active', ?)""")
                .params(userId, provider, purpose.label(), email, subject, String.join(" ", scopes), Timestamp.from(now))
                .update(key, "id");
        Number id = key.getKey();
        if (id == null) throw new IllegalStateException("no id for the new oauth_grants row");
        return id.longValue();
    }

    Optional<GrantRow> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oauth_grants WHERE id = ?").param(id).query(GrantRows::row).optional();
    }

    /** The row, locked until the transaction ends (one refresh per grant across every node). */
    Optional<GrantRow> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oauth_grants WHERE id = ? FOR UPDATE").param(id).query(GrantRows::row).optional();
    }

    /** New tokens; a null {@code refresh} keeps the stored refresh token (no rotation). */
    void tokens(long id, @Nullable Sealed refresh, Sealed access, Instant accessExpires, Set<String> scopes, Instant now) {
        if (refresh != null) {
            jdbc.sql("UPDATE oauth_grants SET refresh_token = ?, refresh_token_key_id = ? WHERE id = ?")
                    .params(refresh.ciphertext(), refresh.keyId(), id).update();
        }
        jdbc.sql("""
                UPDATE oauth_grants SET access_token = ?, access_token_key_id = ?, access_expires_at = ?, scopes = ?,
                    last_refresh_at = ? WHERE id = ?""")
                .params(access.ciphertext(), access.keyId(), Timestamp.from(accessExpires), String.join(" ", scopes),
                        Timestamp.from(now), id)
                .update();
    }

    /** After a reconnect: the grant is usable again, its old failure forgotten. */
    void reconnected(long id, String subject) {
        jdbc.sql("UPDATE oauth_grants SET state = 'active', subject = ?, last_failure = NULL, last_failure_at = NULL WHERE id = ?")
                .params(subject, id).update();
    }

    void clearAccess(long id) {
        jdbc.sql("UPDATE oauth_grants SET access_token = NULL, access_token_key_id = NULL, access_expires_at = NULL WHERE id = ?")
                .param(id).update();
    }

    void failed(long id, String error, boolean needsReauth, Instant now) {
        jdbc.sql("UPDATE oauth_grants SET last_failure = ?, last_failure_at = ?"
                        + (needsReauth ? ", state = 'needs_reauth', access_token = NULL, access_token_key_id = NULL, access_expires_at = NULL" : "")
                        + " WHERE id = ?")
                .params(error, Timestamp.from(now), id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM oauth_grants WHERE id = ?").param(id).update();
    }

    /** The newest listed failure of a grant (or, with a null grant, of a provider's session-held tokens). */
    Optional<Instant> lastListedFailure(@Nullable Long grantId, String provider) {
        var sql = grantId == null
                ? jdbc.sql("SELECT MAX(at) FROM oauth_refresh_failures WHERE grant_id IS NULL AND provider = ?").param(provider)
                : jdbc.sql("SELECT MAX(at) FROM oauth_refresh_failures WHERE grant_id = ?").param(grantId);
        return sql.query((rs, n) -> rs.getTimestamp(1)).optional().map(Timestamp::toInstant);
    }

    void listFailure(@Nullable Long grantId, @Nullable Long userId, @Nullable String email, String provider,
                     OAuthPurpose purpose, String error, Instant now) {
        jdbc.sql("DELETE FROM oauth_refresh_failures WHERE at < ?").param(Timestamp.from(now.minus(java.time.Duration.ofDays(30)))).update();
        jdbc.sql("INSERT INTO oauth_refresh_failures (at, provider, purpose, user_id, grant_id, email, error) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(now), provider, purpose.label(), userId, grantId, email, error).update();
    }

    private static GrantRow row(ResultSet rs, int n) throws SQLException {
        return new GrantRow(rs.getLong(1), rs.getLong(2), rs.getString(3), purpose(rs.getString(4)), rs.getString(5),
                rs.getString(6), new LinkedHashSet<>(Arrays.asList(rs.getString(7).split(" "))),
                GrantView.State.valueOf(rs.getString(8).toUpperCase(Locale.ROOT)), rs.getBytes(9), rs.getBytes(10),
                instant(rs.getTimestamp(11)), rs.getTimestamp(12).toInstant(), instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14)), rs.getString(15));
    }

    static OAuthPurpose purpose(String label) {
        for (OAuthPurpose p : OAuthPurpose.values()) if (p.label().equals(label)) return p;
        throw new IllegalStateException("unknown purpose " + label);
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
