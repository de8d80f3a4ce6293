package org.vaultmail.audit;

import java.util.Locale;

import org.vaultmail.auth.MfaDisabled;
import org.vaultmail.auth.MfaEnrolled;
import org.vaultmail.auth.MfaFailed;
import org.vaultmail.auth.RecoveryCodeUsed;
import org.vaultmail.auth.RefreshTokenReused;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.auth.SignInFailed;
import org.vaultmail.auth.SignInSucceeded;
import org.vaultmail.auth.AuthPolicyChanged;
import org.vaultmail.auth.SigningKeyRotated;
import org.vaultmail.auth.SmtpCredentialsCleared;
import org.vaultmail.auth.SmtpCredentialsSet;
import org.vaultmail.auth.SmtpCredentialsStale;
import org.vaultmail.auth.SmtpCredentialsTested;
import org.vaultmail.vault.DataKeyRetired;
import org.vaultmail.vault.DataKeyRotated;
import org.vaultmail.vault.RewrapFinished;

/**
 * Event → entry. Only named, non-secret facts are copied (ids, addresses, reasons, counts); the
 * events carry no secret either, and the canary test checks both over every event type.
 */
final class AuditRecords {

    static final String SUCCESS = "success";
    static final String FAILURE = "failure";

    private AuditRecords() {
    }

    static AuditRecord of(SignInSucceeded e) {
        return user(e.address(), "signin", session(e.sessionId()), SUCCESS).with("user_id", e.userId())
                .client(e.clientAddress(), e.userAgent());
    }

    static AuditRecord of(SignInFailed e) {
        String outcome = e.reason() == SignInFailed.Reason.LOCKED_OUT ? "locked_out" : FAILURE;
        return user(e.address(), "signin", null, outcome).with("reason", label(e.reason()))
                .client(e.clientAddress(), e.userAgent());
    }

    static AuditRecord of(SessionRevoked e) {
        return user(e.address(), "session.revoke", session(e.sessionId()), SUCCESS).with("user_id", e.userId())
                .with("reason", label(e.reason()));
    }

    static AuditRecord of(RefreshTokenReused e) {
        return user(e.address(), "session.refresh_token_reused", session(e.sessionId()), FAILURE).with("user_id", e.userId())
                .client(e.clientAddress(), e.userAgent());
    }

    static AuditRecord of(MfaEnrolled e) {
        return user(e.address(), "mfa.enrol", null, SUCCESS).with("user_id", e.userId());
    }

    static AuditRecord of(MfaDisabled e) {
        return user(e.address(), "mfa.disable", null, SUCCESS).with("user_id", e.userId());
    }

    static AuditRecord of(MfaFailed e) {
        return user(e.address(), "mfa.verify", null, FAILURE).with("user_id", e.userId()).with("where", label(e.reason()));
    }

    static AuditRecord of(RecoveryCodeUsed e) {
        return user(e.address(), "mfa.recovery_code", null, SUCCESS).with("user_id", e.userId())
                .with("remaining", e.remaining());
    }

    static AuditRecord of(SmtpCredentialsSet e) {
        return user(e.address(), "smtp_credentials.set", session(e.sessionId()), SUCCESS).with("user_id", e.userId());
    }

    static AuditRecord of(SmtpCredentialsCleared e) {
        return user(e.address(), "smtp_credentials.clear", session(e.sessionId()), SUCCESS).with("user_id", e.userId());
    }

    static AuditRecord of(SmtpCredentialsTested e) {
        return user(e.address(), "smtp_credentials.test", session(e.sessionId()), label(e.outcome()))
                .with("user_id", e.userId());
    }

    static AuditRecord of(SmtpCredentialsStale e) {
        return user(e.address(), "smtp_credentials.stale", session(e.sessionId()), SUCCESS).with("user_id", e.userId());
    }

    static AuditRecord of(SigningKeyRotated e) {
        return AuditRecord.of(ActorType.SYSTEM, "auth", "signing_key.rotate", "signing-key:" + e.kid(), SUCCESS);
    }

    static AuditRecord of(DataKeyRotated e) {
        return AuditRecord.of(ActorType.SYSTEM, "vault", "key.rotate", "data-key:" + e.newPrimaryKeyId(), SUCCESS)
                .with("previous_primary", e.previousPrimaryKeyId());
    }

    static AuditRecord of(DataKeyRetired e) {
        return AuditRecord.of(ActorType.SYSTEM, "vault", "key.retire", "data-key:" + e.keyId(), SUCCESS);
    }

    static AuditRecord of(RewrapFinished e) {
        return AuditRecord.of(ActorType.SYSTEM, "vault", "key.rewrap", "data-key:" + e.primaryKeyId(),
                        e.failed() == 0 ? SUCCESS : "partial")
                .with("rewrapped", e.rewrapped()).with("skipped", e.skipped()).with("failed", e.failed())
                .with("keyset_rewrapped", e.dataKeysetRewrapped()).with("millis", e.took().toMillis());
    }

    /**
     * Per changed field one detail, {@code account_failures: "5 (default) -> 2"}: policy values are never secret.
     * The field's key ({@code accountFailures}, the form and storage name) becomes snake_case like every other detail key.
     */
    static AuditRecord of(AuthPolicyChanged e) {
        AuditRecord record = AuditRecord.of(ActorType.OPERATOR, e.operator(), "policy.change", "auth-policy:v" + e.version(), SUCCESS)
                .client(e.clientAddress(), e.userAgent());
        for (AuthPolicyChanged.Change c : e.changes()) record = record.with(snakeCase(c.field()), c.from() + " -> " + c.to());
        return record;
    }

    /** {@code smtpTestsPerHour} → {@code smtp_tests_per_hour}: the audit log's detail keys are snake_case. */
    static String snakeCase(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) out.append('_');
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static AuditRecord of(AdminActionPerformed e) {
        return AuditRecord.of(e.actorType(), e.actorId(), e.action(), e.target(), e.outcome())
                .client(e.clientAddress(), e.userAgent());
    }

    private static AuditRecord user(String address, String action, @org.jspecify.annotations.Nullable String target, String outcome) {
        return AuditRecord.of(ActorType.USER, address, action, target, outcome);
    }

    private static String session(String id) {
        return "session:" + id;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
