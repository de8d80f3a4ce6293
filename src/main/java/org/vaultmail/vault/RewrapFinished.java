package org.vaultmail.vault;

import java.time.Duration;
import java.util.List;

/**
 * A rewrap run ended. {@code skipped} rows changed under us (another node or writer won the
 * compare-and-set; they are already under a current key); {@code failed} rows did not decrypt and
 * were left as they are, listed in {@code failures} by location and key id.
 */
public record RewrapFinished(long primaryKeyId, long rewrapped, long skipped, long failed,
                             boolean dataKeysetRewrapped, Duration took, List<String> failures) {

    public RewrapFinished {
        failures = List.copyOf(failures);
    }
}
