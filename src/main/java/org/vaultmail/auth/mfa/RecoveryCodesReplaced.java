package org.vaultmail.auth.mfa;

import org.springframework.modulith.NamedInterface;

/** The user made new recovery codes (the old ones stopped working); published for the audit log. Holds no secret. */
@NamedInterface("mfa")
public record RecoveryCodesReplaced(long userId, String address, int count) {
}
