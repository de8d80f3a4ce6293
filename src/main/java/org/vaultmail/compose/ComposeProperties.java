package org.vaultmail.compose;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code vaultmail.compose.*}: the undo-send delay (default 5 s, 0 turns it off), whether the SMTP server
 * already files sent mail (then no copy is appended to Sent), size limits (the smaller of these and the
 * server's SIZE applies), the domain of generated Message-IDs (default: the sender's), and aliases: extra
 * From addresses a user may send as ({@code aliases[0].user=alice@example.org},
 * {@code aliases[0].address=sales@example.org}), and how long an {@code Idempotency-Key} left PENDING by a crash
 * blocks a retry ({@code pending-key-expiry}, default 15 min; it must outlast a send, undo delay included), and how
 * many uploads one user may have in progress at once on a node ({@code max-concurrent-uploads}, default 3).
 */
@ConfigurationProperties("vaultmail.compose")
record ComposeProperties(@Nullable Duration undoDelay, @Nullable Boolean serverStoresSent, @Nullable DataSize maxAttachmentSize,
                         @Nullable DataSize maxMessageSize, @Nullable String messageIdDomain, @Nullable List<Alias> aliases,
                         @Nullable Duration pendingKeyExpiry, @Nullable Integer maxConcurrentUploads) {

    ComposeProperties {
        undoDelay = undoDelay == null ? Duration.ofSeconds(5) : undoDelay;
        serverStoresSent = serverStoresSent != null && serverStoresSent;
        maxAttachmentSize = maxAttachmentSize == null ? DataSize.ofMegabytes(25) : maxAttachmentSize;
        maxMessageSize = maxMessageSize == null ? DataSize.ofMegabytes(35) : maxMessageSize;
        if (messageIdDomain != null) HeaderText.check("vaultmail.compose.message-id-domain", messageIdDomain);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        pendingKeyExpiry = pendingKeyExpiry == null ? Duration.ofMinutes(15) : pendingKeyExpiry;
        maxConcurrentUploads = maxConcurrentUploads == null ? 3 : maxConcurrentUploads;
        if (maxConcurrentUploads < 1) throw new IllegalArgumentException("vaultmail.compose.max-concurrent-uploads must be at least 1");
        if (pendingKeyExpiry.compareTo(undoDelay.plusMinutes(1)) < 0) {
            throw new IllegalArgumentException("vaultmail.compose.pending-key-expiry must exceed the undo delay by at least a minute");
        }
    }

    /** {@code address} is a From address {@code user} (their sign-in address) may use. */
    record Alias(String user, String address) {
    }
}
