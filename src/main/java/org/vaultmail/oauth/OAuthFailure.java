package org.vaultmail.oauth;

import java.util.Map;

/**
 * A flow that did not finish, handed to its {@link OAuthCallbackHandler}; {@code context} is the starter's (empty when
 * the state was unknown: then no handler is asked and a plain error page answers).
 */
public record OAuthFailure(OAuthProvider provider, OAuthPurpose purpose, Map<String, String> context, Reason reason) {

    public enum Reason {
        /** The user declined at the provider ({@code access_denied}). */
        DENIED,
        /** The code exchange failed (network, {@code invalid_grant}, a provider error). */
        EXCHANGE_FAILED,
        /** The ID token was missing or invalid (signature, issuer, audience, expiry, nonce) or had no email. */
        ID_TOKEN_INVALID,
        /** The user granted fewer scopes than the feature needs (Google lets users untick some). */
        SCOPE_NOT_GRANTED,
        /** The flow took too long (the stored request expired). */
        EXPIRED
    }
}
