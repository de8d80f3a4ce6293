package org.vaultmail.auth;

/** At sign-in, the stored SMTP login no longer opened (the IMAP password changed) and was marked stale. */
public record SmtpCredentialsStale(long userId, String address, String sessionId) {
}
