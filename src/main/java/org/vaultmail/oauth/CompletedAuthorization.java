package org.vaultmail.oauth;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A finished authorization code flow, handed to the {@link OAuthCallbackHandler} of its flow: state matched, the code
 * exchanged with the PKCE verifier, the ID token's signature, issuer, audience, expiry and nonce checked, and every
 * requested scope granted. The handler owns the tokens and closes this (or moves them into storage) before returning.
 *
 * @param provider the provider
 * @param purpose  the purpose the flow was started for
 * @param context  what the starter passed to {@link OAuthFlows#start} (kept server side, never in the URL)
 * @param subject  the ID token's {@code sub}
 * @param email    the ID token's {@code email} (lower case), the account's address
 * @param tokens   the tokens
 * @param authTime the ID token's {@code auth_time} (when the user last authenticated at the provider), or null when
 *                 the token has none; a re-authentication ({@link OAuthFlows#reauthenticate}) must check it
 */
public record CompletedAuthorization(OAuthProvider provider, OAuthPurpose purpose, Map<String, String> context,
                                     String subject, String email, TokenSet tokens, @Nullable Instant authTime)
        implements AutoCloseable {

    /** Without {@code auth_time} (flows that do not ask for a fresh authentication). */
    public CompletedAuthorization(OAuthProvider provider, OAuthPurpose purpose, Map<String, String> context,
                                  String subject, String email, TokenSet tokens) {
        this(provider, purpose, context, subject, email, tokens, null);
    }

    @Override
    public void close() {
        tokens.close();
    }

    @Override
    public String toString() {
        return "CompletedAuthorization[" + provider.id() + ", " + purpose + ", " + email + ", " + tokens + "]";
    }
}
