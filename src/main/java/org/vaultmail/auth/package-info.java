/**
 * Authentication, cut by feature (ADR 0033): {@code signin} (sign-in by IMAP bind, throttling), {@code session}
 * (sessions, tokens, credential sealing), {@code mfa} (second factor, sudo mode), {@code passkeys} (WebAuthn passkeys as a second factor, ADR 0048), {@code policy} (the operator's
 * sign-in and session policy), {@code smtp} (a user's own SMTP login), {@code users} (the operator's user
 * administration). This package itself owns the Spring Security filter chain ({@code SecurityConfiguration}, the CSRF
 * token handler, the MFA enrolment gate) and the types most features use: the {@link
 * org.vaultmail.auth.AuthenticatedSession} a request carries, its unsealed {@link org.vaultmail.auth.SessionCredentials},
 * {@link org.vaultmail.auth.SessionHolder} and {@link org.vaultmail.auth.SessionRevoked}. Sub-packages are internal
 * to the module except for the types each marks {@code @NamedInterface}.
 */
@NullMarked
package org.vaultmail.auth;

import org.jspecify.annotations.NullMarked;
