/**
 * OAuth mailboxes (issue 15): Google and Microsoft 365 accounts, and any IMAP server that accepts XOAUTH2 from a
 * configured authorization server. This package is the public surface used by the gateway (send-only mailboxes),
 * sign-in (OAuth domains) and migration (OAuth sources):
 * <ul>
 *   <li>{@link OAuthProviders}: the operator's provider configuration (endpoints overridable);</li>
 *   <li>{@link OAuthScopes}: the exact scopes each feature asks for, nothing broader;</li>
 *   <li>{@link OAuthFlows} and {@link OAuthCallbackHandler}: the authorization code flow with PKCE, state and
 *       nonce on Spring Security's OAuth2 client; a feature starts a flow and finishes it in its handler;
 *       {@link OAuthFlows#reauthenticate} asks the provider for a new sign-in only ({@code prompt=login},
 *       {@code max_age=0}, identity scopes; sudo mode of OAuth sessions, ADR 0047);</li>
 *   <li>{@link OAuthGrants}: long-lived grants (refresh tokens sealed at rest, one refresh at a time per grant,
 *       rotation, {@code invalid_grant}, revocation) for connected mailboxes and migration sources;</li>
 *   <li>{@link OAuthTokens}: the token endpoint calls for tokens held elsewhere (a browser session's sealed
 *       credentials).</li>
 * </ul>
 */
@NullMarked
@ApplicationModule(displayName = "OAuth mailboxes")
package org.vaultmail.oauth;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
