package org.vaultmail.admin.operators;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;
import org.vaultmail.auth.passkeys.OperatorPasskeyRefused;
import org.vaultmail.auth.passkeys.OperatorPasskeys;

/**
 * A signed-in operator proves it is still them before adding or removing a passkey (ADR 0054): the current TOTP code
 * (each step once) or an assertion of one of their passkeys. Throttled like sign-in (the same counters per name and
 * client, a refused proof counts as a failed sign-in, refused unchecked while either must wait), audited as
 * {@code operator.reauthenticate} with the method.
 */
public final class OperatorProofs {

    // message keys (messages-problems); the console page renders them in the request's language
    public static final String WRONG_CODE = "problem.operator.proof.wrongCode";
    public static final String USE_PASSKEY = "problem.operator.proof.usePasskey";
    public static final String LOCKED = "problem.operator.proof.locked";

    private final OperatorAuthenticator authenticator;
    private final Operators operators;
    private final OperatorSignInThrottle throttle;
    private final OperatorPasskeys passkeys;
    private final ApplicationEventPublisher events;

    OperatorProofs(OperatorAuthenticator authenticator, Operators operators, OperatorSignInThrottle throttle, OperatorPasskeys passkeys,
                   ApplicationEventPublisher events) {
        this.authenticator = authenticator;
        this.operators = operators;
        this.throttle = throttle;
        this.passkeys = passkeys;
        this.events = events;
    }

    /** Empty when {@code code} is the operator's current, unused TOTP code; else what to tell them. */
    public Optional<String> code(String operator, String code, @Nullable String client, @Nullable String userAgent) {
        return prove(operator, "totp", client, userAgent, () -> {
            if (authenticator.codeRefused(operator)) return Optional.of(USE_PASSKEY);
            boolean ok = operators.find(operator).map(r -> authenticator.codeMatches(r, code.strip())).orElse(false);
            return ok ? Optional.empty() : Optional.of(WRONG_CODE);
        });
    }

    /** A proof ceremony in this console session, allowing only the operator's passkeys. */
    public OperatorPasskeys.Ceremony startPasskey(String operator, String httpSessionId) {
        return passkeys.startProof(operator, OperatorPasskeys.sessionOwner(httpSessionId));
    }

    /** Empty when the assertion answers a proof ceremony of this session with one of the operator's passkeys. */
    public Optional<String> passkey(String operator, String httpSessionId, String ceremonyId, String assertionJson,
                                    @Nullable String client, @Nullable String userAgent) {
        return prove(operator, "passkey", client, userAgent, () -> {
            try {
                OperatorPasskeys.Used used = passkeys.verifyProof(OperatorPasskeys.sessionOwner(httpSessionId), operator, ceremonyId, assertionJson);
                OperatorPasskeyAudit.used(events, operator, used.credential(), used.name(), "proof", client, userAgent);
                return Optional.empty();
            } catch (OperatorPasskeyRefused e) {
                OperatorPasskeyAudit.refused(events, operator, e.reason(), e, e.credential(), "proof", client, userAgent);
                return Optional.of(e.problem().message());
            }
        });
    }

    private Optional<String> prove(String operator, String method, @Nullable String client, @Nullable String userAgent,
                                   Supplier<Optional<String>> check) {
        Optional<OperatorSignInThrottle.Reservation> reserved = throttle.reserve(operator, client);
        if (reserved.isEmpty()) {
            audit(operator, method, "locked_out", client, userAgent);
            return Optional.of(LOCKED);
        }
        Optional<String> problem;
        try {
            problem = check.get();
        } catch (RuntimeException | Error e) {
            throttle.released(reserved.get());
            throw e;
        }
        if (problem.isEmpty()) {
            throttle.succeeded(reserved.get());
            audit(operator, method, "success", client, userAgent);
        } else {
            OperatorAuthenticator.publishLockouts(events, throttle.failed(reserved.get()), client);
            audit(operator, method, "failure", client, userAgent);
        }
        return problem;
    }

    private void audit(String operator, String method, String outcome, @Nullable String client, @Nullable String userAgent) {
        events.publishEvent(new AdminActionPerformed(ActorType.OPERATOR, operator, "operator.reauthenticate", null, outcome, client,
                userAgent, Map.of("method", method)));
    }
}
