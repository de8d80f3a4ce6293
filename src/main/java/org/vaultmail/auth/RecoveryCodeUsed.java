package org.vaultmail.auth;

/** A recovery code stood in for a TOTP code (it is now spent); published for the audit log. Holds no secret. */
public record RecoveryCodeUsed(long userId, String address, int remaining) {
}
