package org.vaultmail.audit;

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
 * The only writer of the audit log: one listener per event type, each turning the event into an
 * entry through {@link AuditRecords} (which decides what is recorded, and records no secret).
 */
class AuditRecorder {

    private final AuditChain chain;

    AuditRecorder(AuditChain chain) {
        this.chain = chain;
    }

    @AuditListener
    void on(PasskeyEvent e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(PasskeyPolicyChanged e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(SignInSucceeded e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(SignInFailed e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(SignInLockoutStarted e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(SessionRevoked e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(RefreshTokenReused e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(MfaEnrolled e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(MfaDisabled e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(MfaFailed e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(RecoveryCodeUsed e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(Reauthenticated e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(RecoveryCodesReplaced e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(SmtpCredentialsSet e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(SmtpCredentialsCleared e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(SmtpCredentialsTested e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(SmtpCredentialsStale e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(SigningKeyRotated e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(DataKeyRotated e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(DataKeyRetired e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(RewrapFinished e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(AuthPolicyChanged e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(IdentityChanged e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(RemoteContentSenderChanged e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(FolderChanged e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(NotificationDelivered e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(NotificationAbandoned e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener(condition = "#root.args[0].audited()")
    void on(GatewayEvent e) {
        if (e.audited()) chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(MigrationEvent e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(OAuthGrantEvent e) {
        chain.append(AuditRecords.of(e));
    }

    @AuditListener
    void on(AdminActionPerformed e) {
        chain.append(AuditRecords.of(e));
    }
}
