/**
 * Operators: their accounts (Argon2id password, TOTP secret), the {@code ./vaultmail admin …} commands, and console
 * sign-in's checks — {@code OperatorAuthenticator} (password + code) and {@code OperatorPasskeySignIn} (password +
 * passkey, ADR 0054), throttled, behind the Argon2 gate and the admission filter, audited in aggregate (ADR 0027) —
 * offered to Spring Security as two {@code AuthenticationProvider}s with their request tokens (ADR 0055; both extend {@code OperatorSignInRequest}).
 */
@NullMarked
package org.vaultmail.admin.operators;

import org.jspecify.annotations.NullMarked;
