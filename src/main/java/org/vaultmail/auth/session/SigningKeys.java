package org.vaultmail.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;

/**
 * The HS256 keys that sign access tokens, stored in {@code auth_signing_keys} sealed by the vault so
 * every node shares them. The newest is current; older ones keep verifying until their tokens
 * expire, so {@link #rotate()} logs nobody out (G6).
 */
@NamedInterface("session")
public final class SigningKeys {

    static final SealedColumn COLUMN = new SealedColumn("auth_signing_keys", "kid", "secret", "key_id", null, Purpose.SESSION);
    private static final Duration RELOAD_AFTER = Duration.ofSeconds(30);
    private static final Duration MIN_RELOAD_GAP = Duration.ofSeconds(1);

    /** One key: its id (the JWT {@code kid}) and HMAC secret bytes. */
    record Key(String kid, byte[] secret) {
        @Override
        public String toString() {
            return "Key[" + kid + "]";
        }
    }

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private volatile Map<String, Key> keys = Map.of();
    private volatile @Nullable Key current;
    private volatile Instant loadedAt = Instant.EPOCH;

    SigningKeys(JdbcClient jdbc, Vault vault, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
        this.events = events;
    }

    /** Adds a new key and makes it current on this node now, on the others within 30 s; returns its kid. */
    public synchronized String rotate() {
        String kid = Randoms.text(Randoms.bytes(9));
        byte[] secret = Randoms.bytes(32);
        try (Secret s = Secret.copyOf(secret)) {
            Sealed sealed = vault.seal(COLUMN.purpose(), COLUMN.location(kid, null), s);
            jdbc.sql("INSERT INTO auth_signing_keys (kid, secret, key_id, created_at) VALUES (?, ?, ?, ?)")
                    .params(kid, sealed.ciphertext(), sealed.keyId(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                    .update();
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
        load();
        events.publishEvent(new SigningKeyRotated(kid));
        return kid;
    }

    /** The key new tokens are signed with; creates the first one if there is none. */
    Key current() {
        Key k = current;
        if (k == null || Duration.between(loadedAt, clock.instant()).compareTo(RELOAD_AFTER) > 0) {
            k = load();
        }
        if (k == null) {
            rotate();
            k = current;
        }
        if (k == null) throw new IllegalStateException("no token signing key");
        return k;
    }

    /** The key with this kid; an unknown kid re-reads the table (another node may have rotated), at most once a second. */
    @Nullable Key find(String kid) {
        Key k = keys.get(kid);
        if (k == null && Duration.between(loadedAt, clock.instant()).compareTo(MIN_RELOAD_GAP) > 0) {
            load();
            k = keys.get(kid);
        }
        return k;
    }

    /** All kids, newest first (for the CLI). */
    public List<String> kids() {
        load();
        return List.copyOf(keys.keySet());
    }

    private synchronized @Nullable Key load() {
        Map<String, Key> loaded = new LinkedHashMap<>();
        jdbc.sql("SELECT kid, secret FROM auth_signing_keys ORDER BY seq DESC").query((rs, n) -> {
            String kid = rs.getString(1);
            try (Secret s = vault.unseal(COLUMN.purpose(), COLUMN.location(kid, null), rs.getBytes(2))) {
                loaded.put(kid, new Key(kid, s.revealBytes()));
            }
            return kid;
        }).list();
        keys = java.util.Collections.unmodifiableMap(loaded);
        current = loaded.isEmpty() ? null : loaded.values().iterator().next();
        loadedAt = clock.instant();
        return current;
    }
}
