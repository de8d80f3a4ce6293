package org.vaultmail.admin.operators;

import java.nio.CharBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;

/**
 * Checks an operator's password (Argon2id via {@code DelegatingPasswordEncoder}) and mandatory TOTP
 * code (each code once). For the admin console; an unknown name costs the same hash as a known one.
 */
public final class OperatorAuthenticator {

    private final ApplicationEventPublisher events;
    private final Operators operators;
    private final Vault vault;
    private final PasswordEncoder encoder;
    private final Totp totp;
    private final String dummyHash;

    OperatorAuthenticator(Operators operators, Vault vault, PasswordEncoder encoder, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.operators = operators;
        this.vault = vault;
        this.encoder = encoder;
        this.totp = Totp.standard(clock);
        this.dummyHash = encoder.encode("not-an-operator-password");
    }

    /** True only for a known operator with the right password and an unused current TOTP code; audited either way. */
    public boolean verify(String username, Secret password, String code, @Nullable String clientAddress, @Nullable String userAgent) {
        boolean ok = check(username, password, code);
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        String actor = name.length() <= 64 && !name.isEmpty() ? name : "(not a username)";
        events.publishEvent(new AdminActionPerformed(ActorType.OPERATOR, actor, "operator.signin", null,
                ok ? "success" : "failure", clientAddress, userAgent));
        return ok;
    }

    /** As {@link #verify(String, Secret, String, String, String)} without a client (the command line). */
    public boolean verify(String username, Secret password, String code) {
        return verify(username, password, code, null, null);
    }

    private boolean check(String username, Secret password, String code) {
        Optional<Operators.Row> row;
        try {
            row = operators.find(Operators.normalize(username));
        } catch (IllegalArgumentException e) {
            row = Optional.empty();
        }
        char[] chars = password.revealChars();
        boolean passwordOk;
        try {
            passwordOk = encoder.matches(CharBuffer.wrap(chars), row.map(Operators.Row::passwordHash).orElse(dummyHash));
        } finally {
            Arrays.fill(chars, '\0');
        }
        if (row.isEmpty() || !passwordOk) return false;
        Operators.Row r = row.get();
        try (Secret secret = vault.unseal(Purpose.TOTP, Operators.TOTP_COLUMN.location(r.username(), null), r.totpSecret())) {
            byte[] key = secret.revealBytes();
            try {
                OptionalLong step = totp.verify(key, code, r.lastStep());
                return step.isPresent() && operators.useStep(r.username(), step.getAsLong());
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
    }
}
