package org.vaultmail.admin.operators;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;

/** The {@code operators} table: create (password hashed, TOTP secret sealed), list, delete. */
final class Operators {

    static final SealedColumn TOTP_COLUMN = new SealedColumn("operators", "username", "totp_secret", "totp_key_id", null,
            Purpose.TOTP);
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new operator's authenticator setup, printed once by the command; never logged. */
    record Created(String username, String secretBase32, String uri) {
        @Override
        public String toString() {
            return "Created[" + username + "]";
        }
    }

    record Listed(String username, Instant createdAt) {
    }

    record Row(String username, String passwordHash, byte[] totpSecret, long lastStep) {
        @Override
        public String toString() {
            return "Row[" + username + "]";
        }
    }

    private final JdbcClient jdbc;
    private final Vault vault;
    private final PasswordEncoder encoder;
    private final Clock clock;

    Operators(JdbcClient jdbc, Vault vault, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** Lower-cased with {@link Locale#ROOT}; throws {@link IllegalArgumentException} unless it is a plain name. */
    static String normalize(String username) {
        String name = username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a username is 1 to 64 of a-z 0-9 . _ - (starting with a letter or digit)");
        }
        return name;
    }

    Created create(String rawUsername, Secret password) {
        String username = normalize(rawUsername);
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        byte[] key = new byte[Totp.SECRET_BYTES];
        RANDOM.nextBytes(key);
        char[] chars = password.revealChars();
        try (Secret secret = Secret.copyOf(key)) {
            String hash = encoder.encode(java.nio.CharBuffer.wrap(chars));
            Sealed sealed = vault.seal(Purpose.TOTP, TOTP_COLUMN.location(username, null), secret);
            jdbc.sql("""
                    INSERT INTO operators (username, password_hash, totp_secret, totp_key_id, totp_last_step, created_at)
                    VALUES (?, ?, ?, ?, -1, ?)""")
                    .params(username, hash, sealed.ciphertext(), sealed.keyId(), utc(clock.instant())).update();
            return new Created(username, Base32.encode(key), Totp.uri(username, key));
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("an operator named '" + username + "' already exists");
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(chars, '\0');
        }
    }

    List<Listed> list() {
        return jdbc.sql("SELECT username, created_at FROM operators ORDER BY username")
                .query((rs, n) -> new Listed(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant())).list();
    }

    boolean delete(String username) {
        return jdbc.sql("DELETE FROM operators WHERE username = ?").param(normalize(username)).update() == 1;
    }

    Optional<Row> find(String username) {
        return jdbc.sql("SELECT username, password_hash, totp_secret, totp_last_step FROM operators WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getLong(4))).optional();
    }

    /** Records {@code step} as used; false when it (or a later one) already was. */
    boolean useStep(String username, long step) {
        return jdbc.sql("UPDATE operators SET totp_last_step = ? WHERE username = ? AND totp_last_step < ?")
                .params(step, username, step).update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
