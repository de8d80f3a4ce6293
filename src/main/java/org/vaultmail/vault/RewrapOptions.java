package org.vaultmail.vault;

/** How a rewrap runs: rows per transaction, and an upper bound on rows per second (0 = unthrottled). */
public record RewrapOptions(int batchSize, double maxRowsPerSecond) {

    public static final int DEFAULT_BATCH_SIZE = 500;

    public RewrapOptions {
        if (batchSize < 1 || batchSize > 10_000) throw new IllegalArgumentException("batch size must be 1..10000, not " + batchSize);
        if (maxRowsPerSecond < 0) throw new IllegalArgumentException("rate must not be negative");
    }

    public static RewrapOptions defaults() {
        return new RewrapOptions(DEFAULT_BATCH_SIZE, 0);
    }
}
