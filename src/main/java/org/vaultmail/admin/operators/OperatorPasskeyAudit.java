package org.vaultmail.admin.operators;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;
import org.vaultmail.auth.passkeys.OperatorPasskeyRefused;

/**
 * The audit entries of operators' passkeys (ADR 0054): {@code operator.passkey.register|remove|use|verify|counter_regression},
 * target {@code passkey:<first 12 characters of the public id>}, the passkey's name, the reason of a refusal, both
 * counters of a regression. Never a key, signature, challenge or code.
 */
final class OperatorPasskeyAudit {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OperatorPasskeyAudit() {
    }

    /** A refused passkey ({@code purpose}: {@code signin}, {@code proof} or {@code register}). */
    static void refused(ApplicationEventPublisher events, String operator, String reason, @Nullable OperatorPasskeyRefused e,
                        @Nullable String credential, String purpose, @Nullable String client, @Nullable String userAgent) {
        Map<String, String> details = new HashMap<>();
        details.put("reason", reason);
        details.put("purpose", purpose);
        if (e != null && e.name() != null) details.put("name", e.name());
        boolean regression = e != null && e.counterRegression();
        if (regression && e.detail() != null) details.put("counters", e.detail());
        events.publishEvent(new AdminActionPerformed(ActorType.OPERATOR, operator,
                regression ? "operator.passkey.counter_regression" : "operator.passkey.verify",
                credential == null ? null : "passkey:" + credential, "failure", client, userAgent, details));
    }

    static void used(ApplicationEventPublisher events, String operator, String credential, String name, String purpose,
                     @Nullable String client, @Nullable String userAgent) {
        events.publishEvent(new AdminActionPerformed(ActorType.OPERATOR, operator, "operator.passkey.use", "passkey:" + credential,
                "success", client, userAgent, Map.of("name", name, "purpose", purpose)));
    }

    /** A change ({@code operator.passkey.register} or {@code .remove}) by {@code actor} (the operator, or the command line). */
    static void changed(ApplicationEventPublisher events, ActorType actorType, String actor, String action, String operator,
                        String credentialId, String name, @Nullable String client, @Nullable String userAgent) {
        String shortId = credentialId.length() <= 12 ? credentialId : credentialId.substring(0, 12);
        events.publishEvent(new AdminActionPerformed(actorType, actor, action, "passkey:" + shortId, "success", client, userAgent,
                Map.of("name", name, "operator", operator)));
    }

    /** An unguessable id for a pending step (base64url, 32 bytes). */
    static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
