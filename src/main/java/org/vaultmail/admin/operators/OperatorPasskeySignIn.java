package org.vaultmail.admin.operators;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;
import org.vaultmail.auth.passkeys.OperatorPasskeyRefused;
import org.vaultmail.auth.passkeys.OperatorPasskeys;
import org.vaultmail.auth.passkeys.PasskeyException;
import org.vaultmail.vault.Secret;

/**
 * Console sign-in with password + passkey (ADR 0054), in two requests under <em>one</em> throttle reservation: the
 * password is checked as in {@link OperatorAuthenticator} (counted first, behind the {@link Argon2Gate}); then, whatever
 * the answer, a passkey step follows whose page does not depend on it (the ceremony allows any passkey of the site),
 * so it tells nobody whether the password was right. The step is one-shot: a refused or abandoned passkey leaves the
 * attempt counted as a failed sign-in; only a verified passkey of this operator settles it as a success.
 */
public final class OperatorPasskeySignIn {

    /** How long the passkey step may take (the ceremony's lifetime). */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    /** A sign-in waiting for its passkey, kept in the pre-sign-in HTTP session; opaque to the console. */
    public static final class Pending {
        private final String id = OperatorPasskeyAudit.randomId();
        private final String name;
        private final OperatorSignInThrottle.@Nullable Reservation reservation; // null: refused already (password, lockout)
        private final Instant expires;

        private Pending(String name, OperatorSignInThrottle.@Nullable Reservation reservation, Instant expires) {
            this.name = name;
            this.reservation = reservation;
            this.expires = expires;
        }

        @Override
        public String toString() {
            return "Pending[" + name + "]";
        }
    }

    /** The step's answer: the operator signed in, or a message for the page (null: the generic "wrong name, password or passkey"). */
    public record Result(@Nullable String operator, @Nullable String message) {
        public boolean ok() {
            return operator != null;
        }
    }

    private final OperatorAuthenticator authenticator;
    private final OperatorSignInThrottle throttle;
    private final Argon2Gate gate;
    private final OperatorSignInAudit audit;
    private final OperatorPasskeys passkeys;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OperatorPasskeySignIn(OperatorAuthenticator authenticator, OperatorSignInThrottle throttle, Argon2Gate gate,
                          OperatorSignInAudit audit, OperatorPasskeys passkeys, ApplicationEventPublisher events, Clock clock) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.gate = gate;
        this.audit = audit;
        this.passkeys = passkeys;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Checks the password (counted, behind the gate). A wrong password or a name that must wait is settled and audited
     * at once, as in a one-form sign-in; the pending step then can only fail.
     *
     * @throws OperatorSignInBusyException when this node checks as many passwords as it may: not checked, not counted
     */
    public Pending start(String username, Secret password, @Nullable String clientAddress, @Nullable String userAgent) {
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        String actor = name.length() <= 64 && !name.isEmpty() ? name : "(not a username)";
        Instant expires = clock.instant().plus(LIFETIME);
        try {
            return gate.run(() -> {
                Optional<OperatorSignInThrottle.Reservation> reserved = throttle.reserve(actor, clientAddress);
                if (reserved.isEmpty()) {
                    audit.failed(actor, clientAddress, userAgent, true, authenticator.known(username));
                    return new Pending(actor, null, expires);
                }
                boolean right;
                try {
                    right = authenticator.passwordMatches(username, password).isPresent();
                } catch (RuntimeException | Error e) {
                    throttle.released(reserved.get());
                    throw e;
                }
                if (right) return new Pending(actor, reserved.get(), expires);
                audit.failed(actor, clientAddress, userAgent, false, authenticator.known(username));
                OperatorAuthenticator.publishLockouts(events, throttle.failed(reserved.get()), clientAddress);
                return new Pending(actor, null, expires);
            });
        } catch (OperatorSignInBusyException e) {
            audit.busy();
            throw e;
        }
    }

    /** A new ceremony for the pending step's page (any passkey of the site; bound to this pending sign-in and name). */
    public OperatorPasskeys.Ceremony ceremony(Pending pending) {
        return passkeys.startSignIn(OperatorPasskeys.pendingOwner(pending.id), pending.name);
    }

    /** Finishes the pending sign-in with the browser's assertion; the pending sign-in must not be used again. */
    public Result finish(Pending pending, String ceremonyId, String assertionJson, @Nullable String clientAddress,
                         @Nullable String userAgent) {
        OperatorSignInThrottle.Reservation reservation = pending.reservation;
        if (reservation == null) return new Result(null, null); // counted and audited when the password was refused
        if (clock.instant().isAfter(pending.expires)) return refused(pending, reservation, "expired", null, null, null, clientAddress, userAgent);
        OperatorPasskeys.Used used;
        try {
            used = passkeys.verifySignIn(OperatorPasskeys.pendingOwner(pending.id), pending.name, ceremonyId, assertionJson);
        } catch (OperatorPasskeyRefused e) {
            return refused(pending, reservation, e.reason(), e, e.credential(), shown(e), clientAddress, userAgent);
        }
        throttle.succeeded(reservation);
        OperatorPasskeyAudit.used(events, pending.name, used.credential(), used.name(), "signin", clientAddress, userAgent);
        events.publishEvent(new AdminActionPerformed(ActorType.OPERATOR, pending.name, "operator.signin", null, "success",
                clientAddress, userAgent, Map.of("method", "passkey")));
        return new Result(pending.name, null);
    }

    private Result refused(Pending pending, OperatorSignInThrottle.Reservation reservation, String reason, @Nullable OperatorPasskeyRefused e,
                           @Nullable String credential, @Nullable String message, @Nullable String clientAddress, @Nullable String userAgent) {
        OperatorPasskeyAudit.refused(events, pending.name, reason, e, credential, "signin", clientAddress, userAgent);
        audit.failed(pending.name, clientAddress, userAgent, false, true);
        List<OperatorSignInThrottle.Lockout> lockouts = throttle.failed(reservation);
        OperatorAuthenticator.publishLockouts(events, lockouts, clientAddress);
        return new Result(null, message);
    }

    /**
     * Only refusals that need this operator's own authenticator get their own message (user verification off, a
     * counter going backwards); anything an outsider can cause reads like a wrong password, so the step tells nothing.
     */
    private static @Nullable String shown(OperatorPasskeyRefused e) {
        return e.problem() == PasskeyException.Problem.NOT_VERIFIED || e.problem() == PasskeyException.Problem.COUNTER_REGRESSION
                ? e.problem().message() : null;
    }
}
