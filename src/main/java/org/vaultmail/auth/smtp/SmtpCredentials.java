package org.vaultmail.auth.smtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.account.SmtpLogin;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * Per-user SMTP logins that differ from the IMAP one (ADR 0007), in {@code smtp_credentials}:
 * sealed inside with AES-256-GCM under Argon2id(IMAP password, salt), so only someone who can sign in
 * opens them, and outside by the vault, so a dump alone yields nothing even for a weak IMAP password
 * and key rotation covers the column.
 */
public final class SmtpCredentials {

    public static final SealedColumn COLUMN = new SealedColumn("smtp_credentials", "user_id", "credentials",
            "credentials_key_id", "user_id", Purpose.CREDENTIALS);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Whether a user has stored SMTP credentials, and whether they still open. Never the password. */
    public record Status(boolean configured, boolean stale) {
    }

    /** What {@link #open} found. */
    public enum Outcome {
        /** Nothing stored: use the IMAP login. */
        NONE,
        /** Opened; the login is in the result. */
        OPENED,
        /** Stored, but the IMAP password no longer opens them (it changed); now marked stale. */
        STALE
    }

    /** The result of {@link #open}: a login only when {@link Outcome#OPENED}. Close it. */
    public record Opened(Outcome outcome, @Nullable SmtpLogin login) implements AutoCloseable {
        @Override
        public void close() {
            if (login != null) login.close();
        }
    }

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Argon2id kdf;
    private final Clock clock;

    public SmtpCredentials(JdbcClient jdbc, Vault vault, Clock clock) {
        this(jdbc, vault, Argon2id.OWASP, clock);
    }

    SmtpCredentials(JdbcClient jdbc, Vault vault, Argon2id kdf, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.kdf = kdf;
        this.clock = clock;
    }

    /** Stores (or replaces) {@code userId}'s SMTP login, sealed under a key derived from {@code imapPassword}. */
    public void save(long userId, String username, Secret password, Secret imapPassword) {
        byte[] salt = new byte[Argon2id.SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] payload = payload(username, password);
        byte[] inner = null;
        try {
            inner = innerSeal(userId, kdf, salt, imapPassword, payload);
            Sealed sealed;
            try (Secret innerSecret = Secret.copyOf(inner)) {
                sealed = vault.seal(Purpose.CREDENTIALS, COLUMN.location(userId, userId), innerSecret);
            }
            var now = clock.instant().atOffset(ZoneOffset.UTC);
            if (!update(userId, sealed, salt, now)) {
                try {
                    jdbc.sql("""
                            INSERT INTO smtp_credentials (user_id, credentials, credentials_key_id, kdf, kdf_memory_kib,
                                kdf_iterations, kdf_parallelism, kdf_salt, stale, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)""")
                            .params(userId, sealed.ciphertext(), sealed.keyId(), Argon2id.NAME, kdf.memoryKib(),
                                    kdf.iterations(), kdf.parallelism(), salt, now)
                            .update();
                } catch (DuplicateKeyException e) {
                    update(userId, sealed, salt, now); // a concurrent first save won the insert; last write wins
                }
            }
        } finally {
            Arrays.fill(payload, (byte) 0);
            if (inner != null) Arrays.fill(inner, (byte) 0);
        }
    }

    private boolean update(long userId, Sealed sealed, byte[] salt, java.time.OffsetDateTime now) {
        return jdbc.sql("""
                    UPDATE smtp_credentials SET credentials = ?, credentials_key_id = ?, kdf = ?, kdf_memory_kib = ?,
                        kdf_iterations = ?, kdf_parallelism = ?, kdf_salt = ?, stale = FALSE, updated_at = ?
                    WHERE user_id = ?""")
                .params(sealed.ciphertext(), sealed.keyId(), Argon2id.NAME, kdf.memoryKib(), kdf.iterations(),
                        kdf.parallelism(), salt, now, userId)
                .update() == 1;
    }

    /**
     * Opens {@code userId}'s SMTP login with {@code imapPassword} (one Argon2id derivation). When the
     * password no longer fits (the GCM tag fails under the derived key), marks the row stale.
     */
    public Opened open(long userId, Secret imapPassword) {
        Optional<Row> found = find(userId);
        if (found.isEmpty()) return new Opened(Outcome.NONE, null);
        Row row = found.get();
        try (Secret inner = vault.unseal(Purpose.CREDENTIALS, COLUMN.location(userId, userId), row.credentials())) {
            byte[] sealed = inner.revealBytes();
            byte[] payload = null;
            try {
                payload = innerOpen(userId, row.kdf(), row.salt(), imapPassword, sealed);
                return new Opened(Outcome.OPENED, login(payload));
            } catch (AEADBadTagException e) {
                markStale(userId);
                return new Opened(Outcome.STALE, null);
            } catch (GeneralSecurityException e) {
                throw new VaultException("cannot open the SMTP credentials of user " + userId + ": "
                        + e.getClass().getSimpleName());
            } finally {
                Arrays.fill(sealed, (byte) 0);
                if (payload != null) Arrays.fill(payload, (byte) 0);
            }
        }
    }

    /** Whether {@code userId} has SMTP credentials and whether they are stale; no crypto. */
    public Status status(long userId) {
        return find(userId).map(r -> new Status(true, r.stale())).orElse(new Status(false, false));
    }

    /** Marks the stored login stale (kept, not deleted) until the user enters it again. */
    public void markStale(long userId) {
        jdbc.sql("UPDATE smtp_credentials SET stale = TRUE WHERE user_id = ?").param(userId).update();
    }

    /** Deletes {@code userId}'s SMTP login; false when there was none. */
    public boolean clear(long userId) {
        return jdbc.sql("DELETE FROM smtp_credentials WHERE user_id = ?").param(userId).update() == 1;
    }

    private record Row(byte[] credentials, Argon2id kdf, byte[] salt, boolean stale) {
    }

    private Optional<Row> find(long userId) {
        return jdbc.sql("SELECT credentials, kdf, kdf_memory_kib, kdf_iterations, kdf_parallelism, kdf_salt, stale"
                        + " FROM smtp_credentials WHERE user_id = ?")
                .param(userId)
                .query((rs, n) -> {
                    if (!Argon2id.NAME.equals(rs.getString("kdf"))) {
                        throw new VaultException("smtp_credentials row " + userId + ": unknown kdf " + rs.getString("kdf"));
                    }
                    return new Row(rs.getBytes("credentials"), new Argon2id(rs.getInt("kdf_memory_kib"),
                            rs.getInt("kdf_iterations"), rs.getInt("kdf_parallelism")), rs.getBytes("kdf_salt"),
                            rs.getBoolean("stale"));
                })
                .optional();
    }

    private static byte[] innerSeal(long userId, Argon2id kdf, byte[] salt, Secret imapPassword, byte[] payload) {
        byte[] key = kdf.derive(imapPassword, salt);
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            aes.updateAAD(binding(userId, kdf));
            byte[] body = aes.doFinal(payload);
            byte[] out = new byte[IV_BYTES + body.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(body, 0, out, IV_BYTES, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot seal SMTP credentials: " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] innerOpen(long userId, Argon2id kdf, byte[] salt, Secret imapPassword, byte[] sealed)
            throws GeneralSecurityException {
        if (sealed.length < IV_BYTES + TAG_BITS / 8) throw new VaultException("SMTP credentials are too short");
        byte[] key = kdf.derive(imapPassword, salt);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            aes.updateAAD(binding(userId, kdf));
            return aes.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Associated data of the inner layer: table, column, user and the KDF parameters. */
    private static byte[] binding(long userId, Argon2id kdf) {
        return ("smtp_credentials|credentials|" + userId + "|" + kdf.describe()).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code u16 length ‖ username ‖ password}, all UTF-8. */
    private static byte[] payload(String username, Secret password) {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        if (user.length > 0xFFFF) throw new IllegalArgumentException("SMTP username too long");
        byte[] pw = password.revealBytes();
        try {
            return ByteBuffer.allocate(2 + user.length + pw.length).putShort((short) user.length).put(user).put(pw).array();
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    private static SmtpLogin login(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int length = Short.toUnsignedInt(in.getShort());
        String username = new String(payload, 2, length, StandardCharsets.UTF_8);
        byte[] pw = Arrays.copyOfRange(payload, 2 + length, payload.length);
        try {
            return new SmtpLogin(username, Secret.copyOf(pw));
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }
}
