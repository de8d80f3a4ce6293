/**
 * Second factor for users (TOTP per RFC 6238, single-use recovery codes; ADR 0006) and sudo mode (ADR 0026): a
 * fresh proof of identity inside a session ({@link org.vaultmail.auth.mfa.RecentAuthentication}) that changing the
 * second factor, and any handler marked {@link org.vaultmail.auth.mfa.RequiresRecentAuthentication}, require; for a
 * session that signed in at an OAuth provider and has no second factor, the proof is a new sign-in there (flow
 * {@code reauth}: {@code ProviderReauthenticationController} starts it, {@code ProviderReauthenticationCallback}
 * finishes it, ADR 0047); for a user with passkeys, a passkey assertion on the confirmation page (the only proof
 * when passkeys are the only second factor; ADR 0048 amendment), through the port
 * {@link org.vaultmail.auth.mfa.PasskeyProofs} that {@code auth.passkeys} implements (that package depends on this
 * one, not the other way round). The
 * {@link org.vaultmail.auth.mfa.Totp} algorithm is reused by operator accounts. Other features see only the types
 * marked {@code @NamedInterface("mfa")}: the algorithm, the marker and the events. The enrolment gate stays with the
 * security filter chain in {@code auth} (ADR 0033).
 */
@NullMarked
package org.vaultmail.auth.mfa;

import org.jspecify.annotations.NullMarked;
