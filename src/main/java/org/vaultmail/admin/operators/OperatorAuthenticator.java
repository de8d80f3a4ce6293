package org.vaultmail.admin.operators;

import java.nio.CharBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

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
 * Every attempt is first counted per name and client ({@link OperatorSignInThrottle}: a wrong code counts like a
 * wrong password), then checked behind the {@link Argon2Gate}; failures are audited in aggregate (ADR 0027).
 */
public final class OperatorAuthenticator {

    private final ApplicationEventPublisher events;
    private final Operators operators;
    private final Vault vault;
    private final PasswordEncoder encoder;
    private final Totp totp;
    private final String dummyHash;
    private final OperatorSignInThrottle throttle;
    private final Argon2Gate gate;
    private final OperatorSignInAudit audit;
    private final Predicate<String> codeRefused;

    OperatorAuthenticator(Operators operators, Vault vault, PasswordEncoder encoder, Clock clock, ApplicationEventPublisher events,
                          OperatorSignInThrottle throttle, Argon2Gate gate, OperatorSignInAudit audit) {
        this(operators, vault, encoder, clock, events, throttle, gate, audit, name -> false);
    }

    /** {@code codeRefused}: operators whose TOTP code is no way in (require-passkeys and a passkey on file, ADR 0054). */
    OperatorAuthenticator(Operators operators, Vault vault, PasswordEncoder encoder, Clock clock, ApplicationEventPublisher events,
                          OperatorSignInThrottle throttle, Argon2Gate gate, OperatorSignInAudit audit, Predicate<String> codeRefused) {
        this.codeRefused = codeRefused;
        this.events = events;
        this.operators = operators;
        this.vault = vault;
        this.encoder = encoder;
        this.totp = Totp.standard(clock);
        this.dummyHash = encoder.encode("not-an-operator-password");
        this.throttle = throttle;
        this.gate = gate;
        this.audit = audit;
    }

    /**
     * True only for a known operator with the right password and an unused current TOTP code, and only while neither
     * the name nor the client must wait after failures (a refusal then looks like a wrong password); audited either way.
     *
     * @throws OperatorSignInBusyException when this node checks as many passwords as it may: not checked, not counted
     */
    public boolean verify(String username, Secret password, String code, @Nullable String clientAddress, @Nullable String userAgent) {
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        String actor = name.length() <= 64 && !name.isEmpty() ? name : "(not a username)";
        Attempt attempt;
        try {
            // the whole attempt, database included, on the gate's threads: a flood holds neither carriers nor connections
            attempt = gate.run(() -> attempt(actor, username, password, code, clientAddress));
        } catch (OperatorSignInBusyException e) {
            audit.busy();
            throw e;
        }
        if (attempt.ok()) {
            events.publishEvent(new AdminActionPerformed(ActorType.OPERATOR, actor, "operator.signin", null, "success",
                    clientAddress, userAgent));
            return true;
        }
        audit.failed(actor, clientAddress, userAgent, attempt.lockedOut(), attempt.knownName());
        publishLockouts(events, attempt.lockouts(), clientAddress);
        return false;
    }

    /** {@code knownName}: the name is an operator's (for the audit only: the answer never says so). */
    private record Attempt(boolean ok, boolean lockedOut, boolean knownName, List<OperatorSignInThrottle.Lockout> lockouts) {
    }

    /** Counted first (refused unchecked while the name or client must wait), then checked, then settled. */
    private Attempt attempt(String actor, String username, Secret password, String code, @Nullable String clientAddress) {
        Optional<OperatorSignInThrottle.Reservation> reserved = throttle.reserve(actor, clientAddress);
        if (reserved.isEmpty()) return new Attempt(false, true, known(username), List.of());
        OperatorSignInThrottle.Reservation reservation = reserved.get();
        boolean ok;
        try {
            ok = check(username, password, code);
        } catch (RuntimeException | Error e) {
            throttle.released(reservation);
            throw e;
        }
        if (ok) {
            throttle.succeeded(reservation);
            return new Attempt(true, false, true, List.of());
        }
        return new Attempt(false, false, known(username), throttle.failed(reservation));
    }

    /** As {@link #verify(String, Secret, String, String, String)} without a client (the command line). */
    public boolean verify(String username, Secret password, String code) {
        return verify(username, password, code, null, null);
    }

    private boolean check(String username, Secret password, String code) {
        Optional<Operators.Row> row = passwordMatches(username, password);
        // with require-passkeys, an operator who has a passkey must use it: the code (phishable) is refused like a wrong one
        return row.isPresent() && !codeRefused.test(row.get().username()) && codeMatches(row.get(), code);
    }

    /** The operator's row when the password is right; an unknown name costs the same hash. Run on the gate's threads. */
    Optional<Operators.Row> passwordMatches(String username, Secret password) {
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
        return passwordOk ? row : Optional.empty();
    }

    /** Whether the operator's TOTP code is no way in for them (require-passkeys and a passkey on file). */
    boolean codeRefused(String operator) {
        return codeRefused.test(operator);
    }

    /** Whether {@code code} is the operator's current TOTP code, not used before (it is used up). */
    boolean codeMatches(Operators.Row r, String code) {
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

    /** Audits the lockouts an attempt started (also for the passkey step and proofs). */
    static void publishLockouts(ApplicationEventPublisher events, List<OperatorSignInThrottle.Lockout> lockouts, @Nullable String clientAddress) {
        for (OperatorSignInThrottle.Lockout l : lockouts) {
            events.publishEvent(new AdminActionPerformed(ActorType.SYSTEM, OperatorSignInAudit.ACTOR, "operator.signin.lockout",
                    l.kind() + ":" + l.subject(), "started", clientAddress, null,
                    Map.of("failures", Integer.toString(l.failures()), "until", l.until().toString())));
        }
    }

    boolean known(String username) {
        try {
            return operators.find(Operators.normalize(username)).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
