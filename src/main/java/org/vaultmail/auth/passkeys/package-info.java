/**
 * Passkeys (WebAuthn) as a second factor beside TOTP (ADR 0048): registration and removal in sudo mode (ADR 0026),
 * the check of an assertion at the second step of sign-in, with user verification required and signature counter
 * regressions refused. Spring Security's relying party ({@code Webauthn4JRelyingPartyOperations}) and JDBC
 * repositories are used directly, not its login filters: Vaultmail's sign-in binds IMAP and seals the password into
 * the session. Ceremonies' challenges are single-use rows bound to a session or a pending sign-in. Sign-in with a
 * passkey alone (ADR 0051): {@code PasskeyUnlock} seals the password under an HKDF key from the authenticator's PRF
 * output, inside the vault's own layer
 * ({@code UnlockSeal}, its AES-GCM framing shared with session sealing in {@code auth.session.InnerSeal}); {@code PasskeySignInPolicy} is the operator's per-domain choice.
 * Operators' console passkeys (ADR 0054) use the same tables under user entities named {@code operator:<username>}
 * ({@link org.vaultmail.auth.passkeys.OperatorPasskeys}). Other features see
 * {@link org.vaultmail.auth.passkeys.PasskeyEvent}, {@code PasskeyPolicyChanged}, the policy, {@code OperatorPasskeys}
 * and {@code OperatorPasskeyRefused} only.
 */
@NullMarked
package org.vaultmail.auth.passkeys;

import org.jspecify.annotations.NullMarked;
