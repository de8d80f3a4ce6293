package org.vaultmail.auth.smtp;

import org.springframework.modulith.NamedInterface;
import org.vaultmail.mail.SmtpLoginCheck;

/** A user ran "test connection" for an SMTP login; for the audit log. Holds no secret (not even the username). */
@NamedInterface("smtp")
public record SmtpCredentialsTested(long userId, String address, String sessionId, SmtpLoginCheck.Outcome outcome) {
}
