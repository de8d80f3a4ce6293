package org.vaultmail.auth.passkeys;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * An operator allowed or forbade sign-in with a passkey alone for a mail domain, or set it back to the default
 * ({@code allowed} null) (ADR 0051). Published for the audit log.
 */
@NamedInterface("passkeys")
public record PasskeyPolicyChanged(String domain, @Nullable Boolean allowed, String operator, @Nullable String clientAddress) {

    /** {@code allow}, {@code forbid} or {@code default}, as the audit log and the CLI say it. */
    public String setting() {
        return allowed == null ? "default" : allowed ? "allow" : "forbid";
    }
}
