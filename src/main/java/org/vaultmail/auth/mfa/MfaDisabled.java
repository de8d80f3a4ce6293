package org.vaultmail.auth.mfa;

import org.springframework.modulith.NamedInterface;

/** Someone turned their second factor off (with a current code or a recovery code); published for the audit log. Holds no secret. */
@NamedInterface("mfa")
public record MfaDisabled(long userId, String address) {
}
