package org.vaultmail.auth.mfa;

import org.springframework.modulith.NamedInterface;

/** A recovery code stood in for a TOTP code (it is now spent); published for the audit log. Holds no secret. */
@NamedInterface("mfa")
public record RecoveryCodeUsed(long userId, String address, int remaining) {
}
