package org.vaultmail.auth;

/** The user made new recovery codes (the old ones stopped working); published for the audit log. Holds no secret. */
public record RecoveryCodesReplaced(long userId, String address, int count) {
}
