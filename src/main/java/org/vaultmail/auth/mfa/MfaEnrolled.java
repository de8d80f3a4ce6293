package org.vaultmail.auth.mfa;

import org.springframework.modulith.NamedInterface;

/** Someone completed TOTP enrolment (confirmed a first code); published for the audit log. Holds no secret. */
@NamedInterface("mfa")
public record MfaEnrolled(long userId, String address) {
}
