package org.vaultmail.auth;

/** Someone completed TOTP enrolment (confirmed a first code); published for the audit log. Holds no secret. */
public record MfaEnrolled(long userId, String address) {
}
