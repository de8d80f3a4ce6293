package org.vaultmail.auth;

/** A user deleted their SMTP login (sending falls back to the IMAP login); for the audit log. */
public record SmtpCredentialsCleared(long userId, String address, String sessionId) {
}
