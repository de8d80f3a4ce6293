/**
 * API keys (issue 13 item 2, ADR 0036): the {@code vmk_} format with its checksum (a mistyped key is refused before any
 * lookup), creation behind a second factor and a fresh session, shown once, stored as prefix and SHA-256 digest only,
 * scoped, expiring, revocable; the bearer credential the security chain accepts on the outbox and webhooks APIs, the
 * per-key rate limit, and the last-use record throttled per node. Other modules see
 * {@code @NamedInterface("apikeys")} ({@link org.vaultmail.gateway.apikeys.TrustedApiKeyIssuer}, for the demo) only.
 */
@NullMarked
package org.vaultmail.gateway.apikeys;

import org.jspecify.annotations.NullMarked;
