package org.vaultmail.mail;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One pooled connection of {@link MailConnections}: its key (server and address), its store once open, its server slot. */
final class PooledConnection {
    final String key;
    @Nullable MailStore store;
    @Nullable String server;
    Instant lastUsed = Instant.EPOCH;

    PooledConnection(String key) {
        this.key = key;
    }
}
