package org.vaultmail.auth;

/** A new access-token signing key became current ({@code kid} is public: it is in every token's header). */
public record SigningKeyRotated(String kid) {
}
