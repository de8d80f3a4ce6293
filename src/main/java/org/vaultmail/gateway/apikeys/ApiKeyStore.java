package org.vaultmail.gateway.apikeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The {@code api_keys} rows (V37): one SQL statement per method; nothing here sees a key, only digests. */
final class ApiKeyStore {

    /** What a lookup by digest finds: enough to decide and to build the grant. */
    record Found(long id, long userId, String ownerAddress, String prefix, String digest, Set<ApiScope> scopes,
                 boolean allMailboxes, @Nullable Instant expiresAt, @Nullable Instant revokedAt, boolean accessDisabled) {
    }

    /** A row of the owner's list (no digest). */
    record Listed(long id, String prefix, String name, Set<ApiScope> scopes, boolean allMailboxes, Instant createdAt,
                  @Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable String lastUsedFrom,
                  @Nullable Instant revokedAt) {
    }

    record NewKey(long userId, String name, String prefix, String digest, Set<ApiScope> scopes,
                  @Nullable Set<Long> mailboxIds, Instant createdAt, @Nullable Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(NewKey k) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO api_keys (user_id, name, prefix, digest, scopes, all_mailboxes, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(k.userId(), k.name(), k.prefix(), k.digest(), scopesText(k.scopes()), k.mailboxIds() == null,
                        utc(k.createdAt()), utc(k.expiresAt()))
                .update(keys, "id");
        long id = java.util.Objects.requireNonNull(keys.getKey()).longValue();
        if (k.mailboxIds() != null) {
            for (long mailbox : k.mailboxIds()) {
                jdbc.sql("INSERT INTO api_key_mailboxes (api_key_id, mailbox_id) VALUES (?, ?)").params(id, mailbox).update();
            }
        }
        return id;
    }

    /** The key with this digest (unique), with its owner's address and whether the operator disabled their API access. */
    Optional<Found> findByDigest(String digest) {
        return jdbc.sql("""
                        SELECT k.id, k.user_id, u.address, k.prefix, k.digest, k.scopes, k.all_mailboxes, k.expires_at,
                               k.revoked_at, a.user_id AS disabled
                        FROM api_keys k JOIN users u ON u.id = k.user_id
                        LEFT JOIN gateway_user_access a ON a.user_id = k.user_id
                        WHERE k.digest = ?""")
                .param(digest)
                .query((rs, n) -> new Found(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        scopes(rs.getString(6)), rs.getBoolean(7), instant(rs, 8), instant(rs, 9), rs.getObject(10) != null))
                .optional();
    }

    Set<Long> mailboxesOf(long keyId) {
        return new HashSet<>(jdbc.sql("SELECT mailbox_id FROM api_key_mailboxes WHERE api_key_id = ?")
                .param(keyId).query(Long.class).list());
    }

    List<Listed> listOf(long userId) {
        return jdbc.sql("""
                        SELECT id, prefix, name, scopes, all_mailboxes, created_at, expires_at, last_used_at, last_used_from,
                               revoked_at
                        FROM api_keys WHERE user_id = ? ORDER BY created_at DESC, id DESC""")
                .param(userId)
                .query((rs, n) -> new Listed(rs.getLong(1), rs.getString(2), rs.getString(3), scopes(rs.getString(4)),
                        rs.getBoolean(5), instant(rs, 6), instant(rs, 7), instant(rs, 8), rs.getString(9), instant(rs, 10)))
                .list();
    }

    /** Revokes the owner's key; the row as it was (for the event), empty when it is not theirs or already revoked. */
    Optional<Listed> revoke(long userId, long keyId, String by, Instant at) {
        Optional<Listed> key = jdbc.sql("""
                        SELECT id, prefix, name, scopes, all_mailboxes, created_at, expires_at, last_used_at, last_used_from,
                               revoked_at
                        FROM api_keys WHERE id = ? AND user_id = ? AND revoked_at IS NULL""")
                .params(keyId, userId)
                .query((rs, n) -> new Listed(rs.getLong(1), rs.getString(2), rs.getString(3), scopes(rs.getString(4)),
                        rs.getBoolean(5), instant(rs, 6), instant(rs, 7), instant(rs, 8), rs.getString(9), instant(rs, 10)))
                .optional();
        if (key.isEmpty()) return Optional.empty();
        int changed = jdbc.sql("UPDATE api_keys SET revoked_at = ?, revoked_by = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(utc(at), by, keyId, userId).update();
        return changed == 1 ? key : Optional.empty();
    }

    void recordUse(long keyId, Instant at, String from) {
        jdbc.sql("UPDATE api_keys SET last_used_at = ?, last_used_from = ? WHERE id = ?")
                .params(utc(at), from.length() > 100 ? from.substring(0, 100) : from, keyId).update();
    }

    /** Which of {@code ids} are the user's own connected mailboxes (by SQL: the mailboxes feature is built in parallel). */
    Set<Long> ownMailboxes(long userId, Collection<Long> ids) {
        if (ids.isEmpty()) return Set.of();
        String marks = ids.stream().map(i -> "?").collect(Collectors.joining(","));
        List<Object> params = new java.util.ArrayList<>();
        params.add(userId);
        params.addAll(ids);
        return new HashSet<>(jdbc.sql("SELECT id FROM connected_mailboxes WHERE user_id = ? AND id IN (" + marks + ")")
                .params(params).query(Long.class).list());
    }

    /** The user's connected mailboxes (id → address), for the settings page's choice. */
    List<Mailbox> mailboxesOfUser(long userId) {
        return jdbc.sql("SELECT id, address FROM connected_mailboxes WHERE user_id = ? ORDER BY address")
                .param(userId).query((rs, n) -> new Mailbox(rs.getLong(1), rs.getString(2))).list();
    }

    record Mailbox(long id, String address) {
    }

    static String scopesText(Set<ApiScope> scopes) {
        return scopes.stream().sorted().map(ApiScope::label).collect(Collectors.joining(" "));
    }

    static Set<ApiScope> scopes(String text) {
        Set<ApiScope> out = EnumSet.noneOf(ApiScope.class);
        Arrays.stream(text.split(" ")).map(ApiScope::of).flatMap(Optional::stream).forEach(out::add);
        return out;
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
