package org.vaultmail.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A test-only sealed column, {@code vault_test_secret.secret}, registered the way a feature would
 * (a {@code @Bean SealedColumn}). Deliberately not a {@code @Configuration}: tests add it as a source.
 */
public class SealedRows {

    public static final String TABLE = "vault_test_secret";
    public static final SealedColumn COLUMN = new SealedColumn(TABLE, "id", "secret", "key_id", "owner", Purpose.CREDENTIALS);

    @Bean
    SealedColumn testSealedColumn() {
        return COLUMN;
    }

    @Bean
    RecordedEvents recordedEvents() {
        return new RecordedEvents();
    }

    /** Every vault event the context published. */
    public static class RecordedEvents {
        public final List<Object> events = new CopyOnWriteArrayList<>();

        @EventListener({DataKeyRotated.class, RewrapFinished.class, DataKeyRetired.class})
        void record(Object event) {
            events.add(event);
        }
    }

    public static void createTable(JdbcTemplate jdbc) {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS vault_test_secret (
                    id     BIGINT PRIMARY KEY,
                    secret BYTEA NOT NULL,
                    key_id BIGINT NOT NULL,
                    owner  VARCHAR(64)
                )""");
    }

    public static String plaintext(long id) {
        return "password-of-row-" + id + "-\u00e9\u2713";
    }

    public static String owner(long id) {
        return "user" + (id % 7) + "@example.test";
    }

    /** Inserts rows {@code from..from+count-1}, sealed by {@code vault} under its current primary. */
    public static void seed(Vault vault, JdbcTemplate jdbc, long from, int count) {
        List<Object[]> rows = new java.util.ArrayList<>();
        for (long id = from; id < from + count; id++) {
            try (Secret s = Secret.ofUtf8(plaintext(id))) {
                Sealed sealed = vault.seal(Purpose.CREDENTIALS, COLUMN.location(id, owner(id)), s);
                rows.add(new Object[] {id, sealed.ciphertext(), sealed.keyId(), owner(id)});
            }
        }
        jdbc.batchUpdate("INSERT INTO vault_test_secret (id, secret, key_id, owner) VALUES (?, ?, ?, ?)", rows);
    }

    /** Every row opens to exactly its original plaintext (not to another ciphertext) and returns the key ids in use. */
    public static List<Long> assertAllDecrypt(Vault vault, JdbcTemplate jdbc, int expectedRows) {
        List<long[]> seen = new java.util.ArrayList<>();
        jdbc.query("SELECT id, secret, key_id, owner FROM vault_test_secret ORDER BY id", rs -> {
            long id = rs.getLong(1);
            byte[] ct = rs.getBytes(2);
            assertThat(org.vaultmail.vault.internal.Tink.keyIdOf(ct)).as("key id prefix of row %d", id).isEqualTo(rs.getLong(3));
            try (Secret s = vault.unseal(Purpose.CREDENTIALS, COLUMN.location(id, rs.getString(4)), ct)) {
                assertThat(s.revealUtf8()).as("row %d", id).isEqualTo(plaintext(id));
            }
            seen.add(new long[] {id, rs.getLong(3)});
        });
        assertThat(seen).hasSize(expectedRows);
        return seen.stream().map(r -> r[1]).distinct().toList();
    }
}
