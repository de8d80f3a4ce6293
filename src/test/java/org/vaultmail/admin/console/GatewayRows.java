package org.vaultmail.admin.console;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Rows of the gateway's tables (V36–V38) written directly, as the other gateway features will write them: the console
 * reads them with SQL and must show counts, prefixes and states, never a digest or ciphertext ({@link #DIGEST_CANARY},
 * {@link #CIPHERTEXT_CANARY}).
 */
final class GatewayRows {

    static final String DIGEST_CANARY = "d1gestcanary";
    static final String CIPHERTEXT_CANARY = "CIPHERTEXT-CANARY-7f3e";

    private final JdbcTemplate jdbc;

    GatewayRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long user(String address) {
        return insert("INSERT INTO users (address, created_at, last_sign_in_at) VALUES (?, ?, ?)", address, now(), now());
    }

    /** A key with a digest that contains {@link #DIGEST_CANARY}; {@code revoked} sets revoked_at. */
    long key(long userId, String prefix, String name, boolean revoked) {
        String digest = (DIGEST_CANARY + UUID.randomUUID().toString().replace("-", "") + "0".repeat(64)).substring(0, 64);
        return insert("""
                INSERT INTO api_keys (user_id, name, prefix, digest, scopes, all_mailboxes, created_at, revoked_at, revoked_by)
                VALUES (?, ?, ?, ?, 'send outbox:read', TRUE, ?, ?, ?)""", userId, name, prefix, digest, now(),
                revoked ? now() : null, revoked ? "user" : null);
    }

    long mailbox(long userId, String address, String kind, String state) {
        return insert("""
                INSERT INTO connected_mailboxes (user_id, address, kind, state, credentials, credentials_key_id, created_at,
                                                 credentials_set_at, state_changed_at)
                VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)""", userId, address, kind, state,
                CIPHERTEXT_CANARY.getBytes(StandardCharsets.UTF_8), now(), now(), now());
    }

    void message(long userId, long mailboxId, String status, Instant createdAt) {
        OffsetDateTime at = createdAt.atOffset(ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO outbox_messages (id, user_id, mailbox_id, status, message_id, content, content_key_id, size_bytes,
                                             recipient_count, created_at, send_at, next_attempt_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 1, 100, 1, ?, ?, ?, ?)""", UUID.randomUUID().toString(), userId, mailboxId, status,
                UUID.randomUUID() + "@test", CIPHERTEXT_CANARY.getBytes(StandardCharsets.UTF_8), at, at, at, at);
    }

    private long insert(String sql, Object... args) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var statement = c.prepareStatement(sql, new String[] {"id"});
            for (int i = 0; i < args.length; i++) statement.setObject(i + 1, args[i]);
            return statement;
        }, keys);
        return keys.getKeyAs(Number.class).longValue();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
