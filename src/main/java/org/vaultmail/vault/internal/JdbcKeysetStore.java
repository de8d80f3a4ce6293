package org.vaultmail.vault.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code vault_keyset} table (V2__vault.sql): a single row with id 1. */
public final class JdbcKeysetStore implements KeysetStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public JdbcKeysetStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<Row> read() {
        return jdbc.sql("SELECT ciphertext, root_key_id, version FROM vault_keyset WHERE id = 1")
                .query((rs, n) -> new Row(rs.getBytes(1), rs.getLong(2), rs.getLong(3)))
                .optional();
    }

    @Override
    public OptionalLong version() {
        return jdbc.sql("SELECT version FROM vault_keyset WHERE id = 1").query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public boolean insertIfAbsent(byte[] ciphertext, long rootKeyId) {
        try {
            return jdbc.sql("""
                    INSERT INTO vault_keyset (id, ciphertext, root_key_id, version, updated_at)
                    VALUES (1, ?, ?, 1, ?)""")
                    .params(ciphertext, rootKeyId, now()).update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public boolean compareAndSet(long expectedVersion, byte[] ciphertext, long rootKeyId) {
        return jdbc.sql("""
                UPDATE vault_keyset SET ciphertext = ?, root_key_id = ?, version = version + 1, updated_at = ?
                WHERE id = 1 AND version = ?""")
                .params(ciphertext, rootKeyId, now(), expectedVersion).update() == 1;
    }

    @Override
    public void recordCreated(long keyId) {
        try {
            jdbc.sql("INSERT INTO vault_data_key (key_id, created_at) VALUES (?, ?)").params(keyId, now()).update();
        } catch (DuplicateKeyException e) {
            // another node recorded it first
        }
    }

    @Override
    public Map<Long, Instant> createdTimes() {
        Map<Long, Instant> times = new HashMap<>();
        jdbc.sql("SELECT key_id, created_at FROM vault_data_key")
                .query(rs -> {
                    times.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                });
        return times;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
