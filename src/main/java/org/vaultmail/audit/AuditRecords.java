package org.vaultmail.audit;

import java.util.Locale;

import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.migrate.MigrationEvent;
import org.vaultmail.oauth.OAuthGrantEvent;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.auth.mfa.MfaDisabled;
import org.vaultmail.auth.mfa.MfaEnrolled;
import org.vaultmail.auth.passkeys.PasskeyEvent;
import org.vaultmail.auth.passkeys.PasskeyPolicyChanged;
import org.vaultmail.auth.mfa.MfaFailed;
import org.vaultmail.auth.mfa.Reauthenticated;
import org.vaultmail.auth.mfa.RecoveryCodeUsed;
import org.vaultmail.auth.mfa.RecoveryCodesReplaced;
import org.vaultmail.auth.policy.AuthPolicyChanged;
import org.vaultmail.auth.session.RefreshTokenReused;
import org.vaultmail.auth.session.SigningKeyRotated;
import org.vaultmail.auth.signin.SignInFailed;
import org.vaultmail.auth.signin.SignInLockoutStarted;
import org.vaultmail.auth.signin.SignInSucceeded;
import org.vaultmail.auth.smtp.SmtpCredentialsCleared;
import org.vaultmail.auth.smtp.SmtpCredentialsSet;
import org.vaultmail.auth.smtp.SmtpCredentialsStale;
import org.vaultmail.auth.smtp.SmtpCredentialsTested;
import org.vaultmail.compose.IdentityChanged;
import org.vaultmail.notify.NotificationAbandoned;
import org.vaultmail.notify.NotificationDelivered;
import org.vaultmail.organise.FolderChanged;
import org.vaultmail.reading.RemoteContentSenderChanged;
import org.vaultmail.vault.DataKeyRetired;
import org.vaultmail.vault.DataKeyRotated;
import org.vaultmail.vault.RewrapFinished;

/**
 * Event → entry. Only named, non-secret facts are copied (ids, addresses, reasons, counts); the
 * events carry no secret either, and the canary test checks both over every event type.
 *
 * <p>Why this is long: one short {@code of} per event type: a table of small methods reads better than a class per
 * event, and the canary test walks them all in one place.
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

    /** An account's lockout is the user's entry (found under their address); a client's is the system's, with the client. */
    static AuditRecord of(SignInLockoutStarted e) {
        boolean account = e.kind() == SignInLockoutStarted.Kind.ACCOUNT;
        AuditRecord record = account
                ? user(e.subject(), "signin.lockout", "account:" + e.subject(), "locked_out")
                : AuditRecord.of(ActorType.SYSTEM, "auth", "signin.lockout", "client:" + e.subject(), "locked_out")
                        .client(e.subject(), null);
        return record.with("kind", label(e.kind())).with("until", e.until().toString()).with("failures", e.failures());
    }

    static AuditRecord of(SessionRevoked e) {
        return user(e.address(), "session.revoke", session(e.sessionId()), SUCCESS).with("user_id", e.userId())
                .with("reason", label(e.reason()));
    }

    static AuditRecord of(RefreshTokenReused e) {
        return user(e.address(), "session.refresh_token_reused", session(e.sessionId()), FAILURE).with("user_id", e.userId())
                .client(e.clientAddress(), e.userAgent());
    }

    /** A passkey registered, removed, used, refused or caught with a counter going backwards (ADR 0048); no key material. */
    static AuditRecord of(PasskeyEvent e) {
        String outcome = e.success() ? SUCCESS : FAILURE;
        AuditRecord record = user(e.address(), e.action().auditAction(), e.credential() == null ? null : "passkey:" + e.credential(),
                outcome).with("user_id", e.userId()).client(e.clientAddress(), null);
        if (e.name() != null) record = record.with("name", e.name());
        if (e.reason() != null) record = record.with("reason", e.reason());
        return record;
    }

    /** An operator allowed or forbade passkey-only sign-in for a domain, or set it back to the default (ADR 0051). */
    static AuditRecord of(PasskeyPolicyChanged e) {
        return AuditRecord.of(ActorType.OPERATOR, e.operator(), "passkey.policy.change", "domain:" + e.domain(), SUCCESS)
                .client(e.clientAddress(), null).with("passkey_signin", e.setting());
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

    /**
     * A proof of identity inside a session (sudo mode, ADR 0026), under the session it opened (or did not); a proof at
     * an OAuth provider (ADR 0047) names it, and {@code stale} is a provider sign-in that was not new.
     */
    static AuditRecord of(Reauthenticated e) {
        String outcome = switch (e.outcome()) {
            case SUCCESS -> SUCCESS;
            case WRONG -> FAILURE;
            case LOCKED_OUT -> "locked_out";
            case STALE -> "stale";
        };
        AuditRecord record = user(e.address(), "session.reauthenticate", session(e.sessionId()), outcome).with("user_id", e.userId())
                .with("method", label(e.method())).client(e.clientAddress(), null);
        return e.provider() == null ? record : record.with("provider", e.provider());
    }

    static AuditRecord of(RecoveryCodesReplaced e) {
        return user(e.address(), "mfa.recovery_codes_replace", null, SUCCESS).with("user_id", e.userId()).with("count", e.count());
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

    /** Which fields changed, never their values (a signature is the user's own text). */
    static AuditRecord of(IdentityChanged e) {
        return user(e.address(), "settings.identity.changed", "identity:" + e.identity(), SUCCESS).with("user_id", e.userId())
                .with("session", e.sessionId()).with("fields", String.join(",", e.fields()));
    }

    static AuditRecord of(RemoteContentSenderChanged e) {
        return user(e.address(), e.trusted() ? "settings.remote_content.sender_added" : "settings.remote_content.sender_removed",
                "sender:" + e.sender(), SUCCESS).with("user_id", e.userId()).with("session", e.sessionId());
    }

    static AuditRecord of(FolderChanged e) {
        return user(e.address(), "settings.folder." + label(e.change()), "folder:" + e.folder(), SUCCESS)
                .with("user_id", e.userId()).with("session", e.sessionId()).with("new_name", e.newFolder());
    }

    static AuditRecord of(NotificationDelivered e) {
        return AuditRecord.of(ActorType.SYSTEM, "notify", "notification.sent", e.recipient(), SUCCESS)
                .with("id", e.id()).with("kind", e.kind()).with("attempts", e.attempts());
    }

    static AuditRecord of(NotificationAbandoned e) {
        return AuditRecord.of(ActorType.SYSTEM, "notify", "notification.failed", e.recipient(), FAILURE)
                .with("id", e.id()).with("kind", e.kind()).with("attempts", e.attempts()).with("reason", e.reason())
                .with("last_error", e.lastError());
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
        AuditRecord record = AuditRecord.of(e.actorType(), e.actorId(), e.action(), e.target(), e.outcome())
                .client(e.clientAddress(), e.userAgent());
        if (e.details() != null) {
            for (var detail : e.details().entrySet()) record = record.with(detail.getKey(), detail.getValue());
        }
        return record;
    }

    /** The gateway's one event type: its details are non-secret by contract (see {@link GatewayEvent}). */
    static AuditRecord of(GatewayEvent e) {
        ActorType actor = switch (e.actor()) {
            case USER -> ActorType.USER;
            case OPERATOR -> ActorType.OPERATOR;
            case SYSTEM -> ActorType.SYSTEM;
        };
        return new AuditRecord(actor, e.actorId(), e.action(), e.target(), e.clientAddress(), null, e.outcome(), e.details())
                .with("user_id", e.ownerUserId());
    }

    /**
     * Migration jobs' events (issue 14): the actor is the user's address, {@code operator:NAME}, or the runner
     * ({@code system}, {@code cli}); details are non-secret by contract (see {@link MigrationEvent}).
     */
    static AuditRecord of(MigrationEvent e) {
        String actorId = e.actorId();
        ActorType actor = ActorType.USER;
        if (actorId.startsWith("operator:")) {
            actor = ActorType.OPERATOR;
            actorId = actorId.substring("operator:".length());
        } else if (actorId.equals("system") || actorId.equals("cli")) {
            actor = ActorType.SYSTEM;
        }
        String target = e.jobId().isEmpty() ? "migration-source:" + e.details().getOrDefault("name", "")
                : "migration:" + e.jobId();
        return new AuditRecord(actor, actorId, e.action(), target, e.clientAddress(), null, e.outcome(), e.details())
                .with("user_id", e.ownerUserId());
    }

    /**
     * OAuth grants (issue 15): connect and disconnect are the user's doing; refresh failures and revocation outcomes
     * the system's. Details: provider, purpose, the account's address and an error code; never a token.
     */
    static AuditRecord of(OAuthGrantEvent e) {
        boolean byUser = e.type() == OAuthGrantEvent.Type.CONNECTED || e.type() == OAuthGrantEvent.Type.DISCONNECTED;
        String outcome = switch (e.type()) {
            case REFRESH_FAILED, NEEDS_REAUTH, REVOCATION_FAILED -> "failure";
            default -> "success";
        };
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("provider", e.providerId());
        details.put("purpose", e.purpose().label());
        details.put("email", e.email());
        if (e.detail() != null) details.put("error", e.detail());
        String target = e.grantId() == null ? "oauth-session:" + e.providerId() : "oauth-grant:" + e.grantId();
        return new AuditRecord(byUser ? ActorType.USER : ActorType.SYSTEM, byUser ? "user:" + e.userId() : "system",
                e.action(), target, null, null, outcome, details).with("user_id", e.userId());
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
