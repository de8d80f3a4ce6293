package org.vaultmail.migrate.engine;

import java.time.Instant;
import java.util.Set;

/**
 * A source message as planned: its UID, RFC822.SIZE, INTERNALDATE and flags (system flags as {@code \Seen}, keywords
 * as they are) from one metadata FETCH; no body.
 */
public record SourceMessage(long uid, long size, Instant internalDate, Set<String> flags) {

    public SourceMessage {
        flags = Set.copyOf(flags);
    }
}
