package org.vaultmail.gateway.outbox;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code vaultmail.gateway.outbox-api.*}: what one request to {@code POST /api/v1/outbox} may carry, and how long an
 * Idempotency-Key is kept.
 *
 * @param maxMessageSize    the largest MIME message accepted (default 25MB); when the mailbox's SMTP server announces a
 *                          smaller SIZE, that applies
 * @param maxAttachments    files per message (default 20)
 * @param maxAttachmentSize one file, decoded (default 10MB)
 * @param idempotencyTtl    how long a key's first answer is kept (default 24h, Stripe's)
 * @param idempotencyStale  a key still {@code processing} after this long belongs to a request that died before
 *                          committing (nothing was stored for it): a repeat may take it over (default 2m)
 */
@ConfigurationProperties("vaultmail.gateway.outbox-api")
public record OutboxApiProperties(@Nullable DataSize maxMessageSize, @Nullable Integer maxAttachments,
                                  @Nullable DataSize maxAttachmentSize, @Nullable Duration idempotencyTtl,
                                  @Nullable Duration idempotencyStale) {

    public OutboxApiProperties {
        maxMessageSize = maxMessageSize == null ? DataSize.ofMegabytes(25) : maxMessageSize;
        maxAttachments = maxAttachments == null ? 20 : maxAttachments;
        maxAttachmentSize = maxAttachmentSize == null ? DataSize.ofMegabytes(10) : maxAttachmentSize;
        idempotencyTtl = idempotencyTtl == null ? Duration.ofHours(24) : idempotencyTtl;
        idempotencyStale = idempotencyStale == null ? Duration.ofMinutes(2) : idempotencyStale;
    }
}
