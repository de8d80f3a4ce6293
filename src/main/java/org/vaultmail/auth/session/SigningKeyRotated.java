package org.vaultmail.auth.session;

import org.springframework.modulith.NamedInterface;

/** A new access-token signing key became current ({@code kid} is public: it is in every token's header). */
@NamedInterface("session")
public record SigningKeyRotated(String kid) {
}
