package org.vaultmail.migrate;

import java.time.Instant;

/** A message skipped after retries: where it is on the source and why, in words. */
public record MigrationError(String sourceFolder, long sourceUid, String reason, Instant at) {
}
