package org.vaultmail.audit;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;

/**
 * The chain's HMAC-SHA-256 keys: random 32 bytes created once, stored sealed by the vault under the
 * AUDIT purpose (so a database dump alone cannot recompute the chain), re-sealed by key rotation and
 * rewrap like any other sealed column, and never changed, so every entry keeps verifying.
 */
final class AuditKeys {

    static final SealedColumn COLUMN = new SealedColumn("audit_mac_key", "id", "sealed", "key_id", null, Purpose.AUDIT);
    /** The key new entries are MAC'd with; a later audit-key rotation would add id 2. */
    static final long CURRENT = 1;

    private final JdbcClient jdbc;
    private final Vault vault;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Map<Long, SecretKeySpec> keys = new ConcurrentHashMap<>();

    AuditKeys(JdbcClient jdbc, Vault vault, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** HMAC-SHA-256 of the concatenation of {@code parts} under audit key {@code id}. */
    byte[] mac(long id, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key(id));
            for (byte[] part : parts) mac.update(part);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable: " + e.getMessage(), e);
        }
    }

    boolean matches(long id, byte[] expected, byte[]... parts) {
        return MessageDigest.isEqual(mac(id, parts), expected);
    }

    /** Creates the current key if no node has yet; in its own transaction, so a lost race harms no caller's. */
    void ensureCurrent() {
        if (keys.containsKey(CURRENT) || stored(CURRENT).isPresent()) return;
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Sealed sealed;
        try (Secret secret = Secret.copyOf(raw)) {
            sealed = vault.seal(Purpose.AUDIT, COLUMN.location(CURRENT, null), secret);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        try {
            ownTransaction.executeWithoutResult(s -> jdbc.sql(
                            "INSERT INTO audit_mac_key (id, sealed, key_id, created_at) VALUES (?, ?, ?, ?)")
                    .params(CURRENT, sealed.ciphertext(), sealed.keyId(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                    .update());
        } catch (DuplicateKeyException e) {
            // another node created it first: everyone uses the stored one
        }
    }

    private SecretKeySpec key(long id) {
        return keys.computeIfAbsent(id, k -> {
            byte[] sealed = stored(k).orElseThrow(() -> new IllegalStateException("audit key " + k + " is missing from audit_mac_key"));
            try (Secret secret = vault.unseal(Purpose.AUDIT, COLUMN.location(k, null), sealed)) {
                byte[] raw = secret.revealBytes();
                try {
                    return new SecretKeySpec(raw, "HmacSHA256");
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            }
        });
    }

    private Optional<byte[]> stored(long id) {
        return jdbc.sql("SELECT sealed FROM audit_mac_key WHERE id = ?").param(id).query(byte[].class).optional();
    }
}
