package org.vaultmail.audit;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of walking the chain: how many entries checked, and the first broken link if any
 * ({@code sequence}, what was {@code expected} there and what was {@code found}).
 */
public record ChainVerification(long checked, long firstSeq, long lastSeq, @Nullable Break broken) {

    public record Break(long sequence, String problem, String expected, String found) {
    }

    public boolean ok() {
        return broken == null;
    }
}
