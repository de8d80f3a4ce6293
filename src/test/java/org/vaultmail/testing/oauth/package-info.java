/**
 * The test-side OAuth world (issue 15): {@link org.vaultmail.testing.oauth.LocalAuthorizationServer}, a real Spring
 * Authorization Server on 127.0.0.1 (opaque access tokens, OIDC ID tokens with {@code auth_time}, PKCE required,
 * {@code prompt=login} and {@code max_age} honoured by {@link org.vaultmail.testing.oauth.FreshLoginFilter}, clients {@code google},
 * {@code microsoft} and {@code dovecot}), {@link org.vaultmail.testing.oauth.OAuthBrowserlessLogin} to run its login
 * page over plain HTTP, and loopback stand-ins for the Gmail and Graph send APIs
 * ({@link org.vaultmail.testing.oauth.GmailApiStub}, {@link org.vaultmail.testing.oauth.GraphApiStub}) that check
 * bearer tokens by introspection. Nothing here is a Spring stereotype: test nodes component-scan test classes.
 * See docs/security.md (OAuth, "Test environment") and ADR 0043.
 */
@NullMarked
package org.vaultmail.testing.oauth;

import org.jspecify.annotations.NullMarked;
