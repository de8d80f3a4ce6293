package org.vaultmail.oauth.flow;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authorization requests waiting for their callback, in the database (table {@code oauth_pending_requests}), so the
 * callback may land on any node. Keyed by the hash of the state; the verifier and nonce sealed (a registered sealed
 * column: rewrap and retire cover it). {@link #consume} deletes the row, and only the caller whose delete removed it
 * may finish the flow: a replayed callback finds nothing.
 */
final class PendingRequests {

    static final SealedColumn SECRETS = new SealedColumn("oauth_pending_requests", "id", "secrets", "secrets_key_id", null,
            Purpose.CREDENTIALS);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> CONTEXT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;

    PendingRequests(JdbcClient jdbc, Vault vault, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    void save(PendingRequest r, FlowSecrets secrets) {
        byte[] payload = secrets.encode();
        Sealed sealed;
        try (Secret plain = Secret.copyOf(payload)) {
            sealed = vault.seal(Purpose.CREDENTIALS, SECRETS.location(r.id(), null), plain);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
        Instant now = clock.instant();
        // the table only ever holds the last few minutes: expired requests go as new ones come
        jdbc.sql("DELETE FROM oauth_pending_requests WHERE expires_at < ?").param(Timestamp.from(now)).update();
        jdbc.sql("""
                INSERT INTO oauth_pending_requests (id, browser, registration_id, redirect_uri, scopes, flow, context,
                    secrets, secrets_key_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.browser(), r.registrationId(), r.redirectUri(), String.join(" ", r.scopes()), r.flow(),
                        JSON.writeValueAsString(r.context()), sealed.ciphertext(), sealed.keyId(), Timestamp.from(now),
                        Timestamp.from(r.expiresAt()))
                .update();
    }

    Optional<PendingRequest> find(String id) {
        return jdbc.sql("""
                SELECT id, browser, registration_id, redirect_uri, scopes, flow, context, expires_at
                FROM oauth_pending_requests WHERE id = ?""").param(id)
                .query((rs, n) -> new PendingRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        new LinkedHashSet<>(List.of(rs.getString(5).split(" "))), rs.getString(6),
                        JSON.readValue(rs.getString(7), CONTEXT), rs.getTimestamp(8).toInstant()))
                .optional();
    }

    /** Removes the request; true only for the one caller that removed it (the callback is usable once). */
    boolean consume(String id) {
        return jdbc.sql("DELETE FROM oauth_pending_requests WHERE id = ?").param(id).update() == 1;
    }

    /** The verifier and nonce; read before {@link #consume}, while the row exists. */
    Optional<FlowSecrets> open(String id) {
        return jdbc.sql("SELECT secrets FROM oauth_pending_requests WHERE id = ?").param(id).query(byte[].class).optional()
                .map(ciphertext -> {
                    try (Secret plain = vault.unseal(Purpose.CREDENTIALS, SECRETS.location(id, null), ciphertext)) {
                        return FlowSecrets.decode(plain.revealBytes());
                    }
                });
    }
}
