package org.vaultmail.migrate.engine;

import java.util.List;

/**
 * What copying one chunk did. {@code failures} are messages given up on after retries (uid and reason).
 *
 * @param flagsNotSettable messages of the chunk with a flag or keyword the destination refused
 */
public record ChunkResult(int copied, long bytes, long flagsNotSettable, List<Failure> failures) {

    public ChunkResult {
        failures = List.copyOf(failures);
    }

    public record Failure(long uid, String reason) {
    }
}
