package org.vaultmail.gateway.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;

/**
 * The endpoint rows and their sealed secrets. Secrets go in and come out only as {@link Secret}s: the text form is
 * built once for the answer that shows it, and the signer unseals them for the length of one attempt.
 */
final class WebhookEndpoints {

    /** Registered as beans so that {@code keys status/rewrap/retire} cover the secrets. */
    static final SealedColumn SECRET = new SealedColumn("webhook_endpoints", "id", "secret", "secret_key_id", "user_id",
            Purpose.CREDENTIALS);
    static final SealedColumn PREVIOUS_SECRET = new SealedColumn("webhook_previous_secrets", "endpoint_id", "secret",
            "secret_key_id", "user_id", Purpose.CREDENTIALS);

    /** An endpoint as shown and worked with: never its secret. */
    public record Endpoint(long id, long userId, String url, List<String> events, Instant createdAt, @Nullable Instant disabledAt,
                    @Nullable String disabledReason, @Nullable Instant failingSince) {
        public boolean enabled() {
            return disabledAt == null;
        }

        boolean subscribedTo(String type) {
            return events.contains(type);
        }
    }

    private static final String COLUMNS = "id, user_id, url, events, created_at, disabled_at, disabled_reason, failing_since";

    private final JdbcClient jdbc;
    private final Vault vault;

    WebhookEndpoints(JdbcClient jdbc, Vault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** Inserts an endpoint with its sealed secret (call inside a transaction: the row is written, then sealed). */
    long create(long userId, String url, List<String> events, Secret secret, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO webhook_endpoints (user_id, url, events, secret, secret_key_id, created_at)
                        VALUES (?, ?, ?, ?, 0, ?)""")
                .params(userId, url, String.join(" ", events), new byte[0], at(now))
                .update(keys, "id");
        long id = Objects.requireNonNull(keys.getKeyAs(Number.class)).longValue();
        Sealed sealed = vault.seal(Purpose.CREDENTIALS, SECRET.location(id, userId), secret);
        jdbc.sql("UPDATE webhook_endpoints SET secret = ?, secret_key_id = ? WHERE id = ?")
                .params(sealed.ciphertext(), sealed.keyId(), id).update();
        return id;
    }

    List<Endpoint> list(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE user_id = ? ORDER BY id").param(userId)
                .query(WebhookEndpoints::endpoint).list();
    }

    Optional<Endpoint> find(long userId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = ? AND user_id = ?").params(id, userId)
                .query(WebhookEndpoints::endpoint).optional();
    }

    Optional<Endpoint> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = ?").param(id)
                .query(WebhookEndpoints::endpoint).optional();
    }

    /** The user's enabled endpoints subscribed to {@code type}. */
    List<Endpoint> subscribed(long userId, String type) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE user_id = ? AND disabled_at IS NULL ORDER BY id")
                .param(userId).query(WebhookEndpoints::endpoint).list()
                .stream().filter(e -> e.subscribedTo(type)).toList();
    }

    boolean delete(long userId, long id) {
        return jdbc.sql("DELETE FROM webhook_endpoints WHERE id = ? AND user_id = ?").params(id, userId).update() == 1;
    }

    /**
     * Replaces the secret with {@code next}; the replaced one keeps signing until {@code overlapUntil} (call inside a
     * transaction). A rotation during an overlap drops the older secret: only the last two are ever sent.
     */
    void rotate(Endpoint endpoint, Secret next, Instant overlapUntil) {
        byte[] current = jdbc.sql("SELECT secret FROM webhook_endpoints WHERE id = ?").param(endpoint.id())
                .query(byte[].class).single();
        jdbc.sql("DELETE FROM webhook_previous_secrets WHERE endpoint_id = ?").param(endpoint.id()).update();
        try (Secret old = vault.unseal(Purpose.CREDENTIALS, SECRET.location(endpoint.id(), endpoint.userId()), current)) {
            Sealed previous = vault.seal(Purpose.CREDENTIALS, PREVIOUS_SECRET.location(endpoint.id(), endpoint.userId()), old);
            jdbc.sql("""
                    INSERT INTO webhook_previous_secrets (endpoint_id, user_id, secret, secret_key_id, valid_until)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(endpoint.id(), endpoint.userId(), previous.ciphertext(), previous.keyId(), at(overlapUntil)).update();
        }
        Sealed sealed = vault.seal(Purpose.CREDENTIALS, SECRET.location(endpoint.id(), endpoint.userId()), next);
        jdbc.sql("UPDATE webhook_endpoints SET secret = ?, secret_key_id = ? WHERE id = ?")
                .params(sealed.ciphertext(), sealed.keyId(), endpoint.id()).update();
    }

    /** The secrets to sign with at {@code now}: the current one, then the replaced one while its overlap lasts. Close them. */
    List<Secret> signingSecrets(Endpoint endpoint, Instant now) {
        List<Secret> secrets = new ArrayList<>(2);
        byte[] current = jdbc.sql("SELECT secret FROM webhook_endpoints WHERE id = ?").param(endpoint.id())
                .query(byte[].class).single();
        secrets.add(vault.unseal(Purpose.CREDENTIALS, SECRET.location(endpoint.id(), endpoint.userId()), current));
        jdbc.sql("SELECT secret FROM webhook_previous_secrets WHERE endpoint_id = ? AND valid_until > ?")
                .params(endpoint.id(), at(now)).query(byte[].class).optional()
                .ifPresent(previous -> secrets.add(vault.unseal(Purpose.CREDENTIALS,
                        PREVIOUS_SECRET.location(endpoint.id(), endpoint.userId()), previous)));
        Arrays.fill(current, (byte) 0);
        return secrets;
    }

    /** Deletes replaced secrets whose overlap ended. */
    int purgePreviousSecrets(Instant now) {
        return jdbc.sql("DELETE FROM webhook_previous_secrets WHERE valid_until <= ?").param(at(now)).update();
    }

    /** Disables an enabled endpoint; false when it was disabled already (by another node, or deleted). */
    boolean disable(long id, String reason, Instant now) {
        return jdbc.sql("UPDATE webhook_endpoints SET disabled_at = ?, disabled_reason = ? WHERE id = ? AND disabled_at IS NULL")
                .params(at(now), reason, id).update() == 1;
    }

    /** Notes a failed attempt: the first since the last success starts the failing time. */
    void failed(long id, Instant now) {
        jdbc.sql("UPDATE webhook_endpoints SET failing_since = ? WHERE id = ? AND failing_since IS NULL").params(at(now), id).update();
    }

    void succeeded(long id) {
        jdbc.sql("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL").param(id).update();
    }

    private static Endpoint endpoint(ResultSet rs, int row) throws SQLException {
        String events = rs.getString(4);
        return new Endpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), events.isBlank() ? List.of() : List.of(events.split(" ")),
                instant(rs, 5), instant(rs, 6), rs.getString(7), instant(rs, 8));
    }

    static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
