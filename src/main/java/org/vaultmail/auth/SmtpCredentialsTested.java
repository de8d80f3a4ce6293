package org.vaultmail.auth;

import org.vaultmail.mail.SmtpLoginCheck;

/** A user ran "test connection" for an SMTP login; for the audit log. Holds no secret (not even the username). */
public record SmtpCredentialsTested(long userId, String address, String sessionId, SmtpLoginCheck.Outcome outcome) {
}
