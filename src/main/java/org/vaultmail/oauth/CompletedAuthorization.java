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
 * @param issuer   the ID token's {@code iss} (checked against the registration; for Microsoft's multi-tenant
 *                 endpoints it names the account's tenant): with {@code subject} the provider's stable account
 * @param emailVerified whether the provider vouches for {@code email} as the account's own address: Google's and a
 *                 generic provider's {@code email_verified=true}, Microsoft's {@code xms_edov=true} (its {@code email}
 *                 is a directory attribute an administrator of any tenant can set, ADR 0045 amendment). Whoever uses
 *                 {@code email} as an identity (sign-in) must require it.
 */
public record CompletedAuthorization(OAuthProvider provider, OAuthPurpose purpose, Map<String, String> context,
                                     String subject, String email, TokenSet tokens, @Nullable Instant authTime,
                                     String issuer, boolean emailVerified)
        implements AutoCloseable {

    /**
     * Without {@code auth_time}, an issuer or a verified address: for callers outside the callback (tests, flows that
     * do not identify anybody). The address counts as not verified.
     */
    public CompletedAuthorization(OAuthProvider provider, OAuthPurpose purpose, Map<String, String> context,
                                  String subject, String email, TokenSet tokens) {
        this(provider, purpose, context, subject, email, tokens, null, "", false);
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
