package org.vaultmail.migrate.engine;

import java.util.List;
import java.util.Set;

/**
 * What copying one chunk did. {@code failures} are messages given up on after retries (uid and reason).
 *
 * @param flagsNotSettable messages of the chunk with a flag or keyword the destination refused
 * @param refusedFlags     the names of those flags and keywords (for the report's note)
 */
public record ChunkResult(int copied, long bytes, long flagsNotSettable, List<Failure> failures, Set<String> refusedFlags) {

    public ChunkResult {
        failures = List.copyOf(failures);
        refusedFlags = Set.copyOf(refusedFlags);
    }

    public ChunkResult(int copied, long bytes, long flagsNotSettable, List<Failure> failures) {
        this(copied, bytes, flagsNotSettable, failures, Set.of());
    }

    public record Failure(long uid, String reason) {
    }
}
