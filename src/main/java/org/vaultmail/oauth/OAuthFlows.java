package org.vaultmail.oauth;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

/**
 * Starts authorization code flows (PKCE S256, {@code state}, OpenID {@code nonce}) on Spring Security's OAuth2 client.
 * The authorization request (state, nonce, code verifier, flow name, context) is kept server side for a few minutes,
 * bound to the starting browser by an HttpOnly cookie, and consumed once by the callback.
 */
public interface OAuthFlows {

    /** The callback path prefix; the full path is {@code /oauth/callback/{registrationId}}. */
    String CALLBACK_PATH = "/oauth/callback/";

    /**
     * The provider's authorization URL to redirect the browser to.
     *
     * @param flow      the {@link OAuthCallbackHandler#flow()} that finishes it
     * @param context   small, non-secret values the handler needs back (a user id, a job draft id)
     * @param loginHint the address to preselect at the provider, or null
     * @throws IllegalArgumentException for an unknown provider or a purpose it does not offer
     */
    URI start(String providerId, OAuthPurpose purpose, String flow, Map<String, String> context,
              @Nullable String loginHint, HttpServletRequest request, HttpServletResponse response);

    /**
     * A re-authentication at the provider (ADR 0047): the provider's {@link OAuthPurpose#MAIL} registration (its
     * registered callback), but only the {@link OAuthScopes#identity()} scopes, no refresh token, and OpenID Connect's
     * {@code prompt=login} and {@code max_age=0}: the provider must ask the user to sign in again, and the ID token
     * carries {@code auth_time}, which the handler must check ({@link CompletedAuthorization#authTime()}).
     *
     * @param loginHint the account the user is expected to confirm
     * @throws IllegalArgumentException for an unknown provider or one without sign-in
     */
    URI reauthenticate(String providerId, String flow, Map<String, String> context, String loginHint,
                       HttpServletRequest request, HttpServletResponse response);
}
