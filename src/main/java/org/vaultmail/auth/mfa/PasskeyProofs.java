package org.vaultmail.auth.mfa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;
import org.vaultmail.auth.AuthenticatedSession;

/**
 * What sudo mode and the MFA API need of a user's passkeys (ADR 0048 amendment), implemented by
 * {@code auth.passkeys}: declared here so this package does not depend on that one (which depends on this one).
 */
@NamedInterface("mfa")
public interface PasskeyProofs {

    /** A passkey as listed: the public credential id (base64url), its name, when added and last used (null: never). */
    record Listed(String id, String name, @Nullable Instant created, @Nullable Instant lastUsed) {
    }

    /** A re-authentication ceremony: its id and the request options JSON for {@code navigator.credentials.get}. */
    record Challenge(String ceremonyId, String optionsJson) {
    }

    /** The user's passkeys, oldest first; never key material. */
    List<Listed> list(String address);

    /** Starts an assertion ceremony bound to this session, for a proof of identity. */
    Challenge start(AuthenticatedSession me);

    /**
     * Checks an assertion for a ceremony {@link #start}ed by this session (user verification required, the
     * passkey this account's, signature counter ahead); empty when right, else the message the user sees. Audited.
     */
    Optional<String> verify(AuthenticatedSession me, String ceremonyId, String assertionJson, @Nullable String clientAddress);
}
