/**
 * The operator console under {@code /admin}: its own filter chain and HTTP session, operator sign-in
 * with password and TOTP or password and passkey (ADR 0054) through a Spring Security {@code ProviderManager} and
 * Spring's session fixation protection ({@code OperatorSignIns}, ADR 0055), the operator's passkeys page and the require-passkeys
 * gate, and the audit, users, sessions, keys and mail servers pages. Every action is published for the
 * audit log.
 */
@NullMarked
package org.vaultmail.admin.console;

import org.jspecify.annotations.NullMarked;
