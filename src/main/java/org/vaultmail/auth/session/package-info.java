/**
 * Sessions of verified users (ADR 0004): opening one, the {@code sessions} table ({@link
 * org.vaultmail.auth.session.SessionStore}), access tokens and their signing keys, the three cookies, the token filter
 * that turns a request into an {@link org.vaultmail.auth.AuthenticatedSession}, refresh with rotation and reuse
 * detection, the double sealing of each session's mail credentials
 * ({@code CredentialSeal}; the inner AES-GCM layer, {@code InnerSeal}, also frames passkey unlocks), liveness checks that end streams and connections of
 * revoked or expired sessions (ADR 0029), and clamping stored expiries when the policy shortens a lifetime (ADR 0033).
 * Other features see only the types marked {@code @NamedInterface("session")}.
 */
@NullMarked
package org.vaultmail.auth.session;

import org.jspecify.annotations.NullMarked;
