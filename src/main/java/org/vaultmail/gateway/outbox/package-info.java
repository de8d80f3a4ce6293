/**
 * The durable outbox (issue 13 items 3 and 4, ADR 0037): the API that accepts a message ({@code POST /api/v1/outbox},
 * checked and built as MIME like compose's, with Stripe-style {@code Idempotency-Key}s) and answers 202 only after the
 * sealed message is committed (G11), reads, cancels and retries; and the outbox page. Sending is {@code
 * outbox.delivery}. Nothing here returns or logs a message's content.
 */
@NullMarked
package org.vaultmail.gateway.outbox;

import org.jspecify.annotations.NullMarked;
