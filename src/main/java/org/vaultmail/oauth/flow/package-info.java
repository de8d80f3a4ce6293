/**
 * The authorization code flow (ADR 0043): PKCE, state and nonce on Spring Security's OAuth2 client, requests
 * pending in the database bound to the starting browser, the callback and its handlers. A re-authentication
 * (ADR 0047) is the same flow on the sign-in registration with identity scopes, {@code prompt=login} and
 * {@code max_age=0}; the callback hands the ID token's {@code auth_time} to its handler. It also hands over the
 * account ({@code iss}, {@code sub}) and whether the provider vouches for the address ({@link VerifiedEmail}: Google's
 * and OpenID's {@code email_verified=true}, Microsoft's {@code xms_edov=true}; ADR 0045 amendment).
 */
@NullMarked
package org.vaultmail.oauth.flow;

import org.jspecify.annotations.NullMarked;
