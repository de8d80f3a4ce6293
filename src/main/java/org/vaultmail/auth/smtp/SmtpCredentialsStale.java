package org.vaultmail.auth.smtp;

import org.springframework.modulith.NamedInterface;

/** At sign-in, the stored SMTP login no longer opened (the IMAP password changed) and was marked stale. */
@NamedInterface("smtp")
public record SmtpCredentialsStale(long userId, String address, String sessionId) {
}
