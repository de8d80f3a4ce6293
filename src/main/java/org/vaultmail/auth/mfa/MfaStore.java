package org.vaultmail.auth.mfa;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;

/** The {@code user_mfa} and {@code user_mfa_recovery} tables. */
final class MfaStore {

    static final SealedColumn SECRET_COLUMN = new SealedColumn("user_mfa", "user_id", "secret", "secret_key_id", null,
            Purpose.TOTP);

    record Row(long userId, byte[] secret, @Nullable Instant confirmedAt, long lastStep) {
        boolean confirmed() {
            return confirmedAt != null;
        }
    }

    private final JdbcClient jdbc;

    MfaStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(long userId) {
        return jdbc.sql("SELECT user_id, secret, confirmed_at, last_step FROM user_mfa WHERE user_id = ?").param(userId)
                .query((rs, n) -> {
                    OffsetDateTime confirmed = rs.getObject("confirmed_at", OffsetDateTime.class);
                    return new Row(rs.getLong("user_id"), rs.getBytes("secret"), confirmed == null ? null : confirmed.toInstant(),
                            rs.getLong("last_step"));
                }).optional();
    }

    /** Replaces any unconfirmed enrolment with a new secret; refuses (false) while a confirmed one exists. */
    boolean begin(long userId, Sealed secret, Instant now) {
        jdbc.sql("DELETE FROM user_mfa WHERE user_id = ? AND confirmed_at IS NULL").param(userId).update();
        if (find(userId).isPresent()) return false;
        jdbc.sql("INSERT INTO user_mfa (user_id, secret, secret_key_id, created_at, confirmed_at, last_step) VALUES (?, ?, ?, ?, NULL, -1)")
                .params(userId, secret.ciphertext(), secret.keyId(), utc(now)).update();
        return true;
    }

    void confirm(long userId, long step, List<byte[]> recoveryHashes, Instant now) {
        jdbc.sql("UPDATE user_mfa SET confirmed_at = ?, last_step = ? WHERE user_id = ?").params(utc(now), step, userId).update();
        replaceRecoveryCodes(userId, recoveryHashes);
    }

    /** The user's recovery codes become exactly these (all unused); the old ones are gone. */
    void replaceRecoveryCodes(long userId, List<byte[]> recoveryHashes) {
        jdbc.sql("DELETE FROM user_mfa_recovery WHERE user_id = ?").param(userId).update();
        for (byte[] hash : recoveryHashes) {
            jdbc.sql("INSERT INTO user_mfa_recovery (user_id, code_hash, used_at) VALUES (?, ?, NULL)").params(userId, hash).update();
        }
    }

    /** Records {@code step} as used; false when a concurrent request already used it or a later one. */
    boolean useStep(long userId, long step) {
        return jdbc.sql("UPDATE user_mfa SET last_step = ? WHERE user_id = ? AND last_step < ?")
                .params(step, userId, step).update() == 1;
    }

    /** Spends a recovery code; false when there is no such unused code. */
    boolean useRecoveryCode(long userId, byte[] hash, Instant now) {
        return jdbc.sql("UPDATE user_mfa_recovery SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
                .params(utc(now), userId, hash).update() == 1;
    }

    int unusedRecoveryCodes(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_mfa_recovery WHERE user_id = ? AND used_at IS NULL").param(userId)
                .query(Integer.class).single();
    }

    void delete(long userId) {
        jdbc.sql("DELETE FROM user_mfa_recovery WHERE user_id = ?").param(userId).update();
        jdbc.sql("DELETE FROM user_mfa WHERE user_id = ?").param(userId).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
