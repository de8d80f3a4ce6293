package org.vaultmail.auth;

/** A user stored (or replaced) their SMTP login; for the audit log. Holds no secret. */
public record SmtpCredentialsSet(long userId, String address, String sessionId) {
}
