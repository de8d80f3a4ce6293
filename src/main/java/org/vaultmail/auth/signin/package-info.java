/**
 * Sign-in by IMAP bind (ADR 0004): the page ({@code /signin}, {@code /signin/code}, and {@code /signin/passkey} for a passkey as the second step,
 * ADR 0048; {@code /signin/with-passkey} for a passkey alone that unlocks the password, ADR 0051) and the API step
 * ({@code POST /api/v1/sessions}), the pending second step, the throttle that reserves each attempt before the bind
 * (G9, ADR 0025), the per-node bind gate, the per-client request limit and client keys (IPv6 by prefix), and the
 * sign-in events. A verified user gets a session from {@code auth.session}. The two controllers also serve the
 * session list and sign-out routes they always had, so the API document is unchanged (ADR 0033). Other features see
 * only the types marked {@code @NamedInterface("signin")}.
 */
@NullMarked
package org.vaultmail.auth.signin;

import org.jspecify.annotations.NullMarked;
