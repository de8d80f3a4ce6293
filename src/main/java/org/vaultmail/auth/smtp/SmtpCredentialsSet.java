package org.vaultmail.auth.smtp;

import org.springframework.modulith.NamedInterface;

/** A user stored (or replaced) their SMTP login; for the audit log. Holds no secret. */
@NamedInterface("smtp")
public record SmtpCredentialsSet(long userId, String address, String sessionId) {
}
