/**
 * Second factor for users (TOTP per RFC 6238, single-use recovery codes) and the {@link
 * org.vaultmail.auth.mfa.Totp} algorithm that operator accounts reuse (ADR 0006).
 */
@NullMarked
@NamedInterface("mfa")
package org.vaultmail.auth.mfa;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
