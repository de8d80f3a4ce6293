package org.vaultmail.auth.smtp;

import org.springframework.modulith.NamedInterface;

/** A user deleted their SMTP login (sending falls back to the IMAP login); for the audit log. */
@NamedInterface("smtp")
public record SmtpCredentialsCleared(long userId, String address, String sessionId) {
}
