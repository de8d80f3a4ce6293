/**
 * Sign-in by IMAP bind, sessions and tokens (ADR 0004): {@code /signin}, {@code /api/v1/sessions},
 * the Spring Security filter chain and security headers, the double sealing of each session's mail
 * credentials ({@link org.vaultmail.auth.SessionCredentials}), JWT signing keys
 * ({@link org.vaultmail.auth.SigningKeys}), sudo mode for sensitive actions ({@link org.vaultmail.auth.RecentAuthentication},
 * {@link org.vaultmail.auth.RequiresRecentAuthentication}, ADR 0026), and the events other features listen to.
 */
@NullMarked
package org.vaultmail.auth;

import org.jspecify.annotations.NullMarked;
