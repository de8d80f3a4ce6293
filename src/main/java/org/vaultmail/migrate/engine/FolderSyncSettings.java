package org.vaultmail.migrate.engine;

import java.nio.file.Path;

/**
 * How {@link ImapFolderSync} sizes its work: where big messages are spooled, how many messages and bytes go in one
 * FETCH and one (MULTI)APPEND, above which size a message is fetched in partial chunks into a spool file, and how
 * often a refused message is tried again before it is reported.
 */
public record FolderSyncSettings(Path spoolDirectory, int batchMessages, long batchBytes, long streamingThreshold,
                                 int chunkBytes, int retries) {

    public FolderSyncSettings {
        if (batchMessages < 1 || batchBytes < 1 || streamingThreshold < 1 || chunkBytes < 1024 || retries < 0) {
            throw new IllegalArgumentException("batch sizes, threshold and chunk size must be positive");
        }
        if (streamingThreshold > Integer.MAX_VALUE - 1024) throw new IllegalArgumentException("threshold too large");
    }

    /** 200 messages or 4 MB per batch, messages over 4 MB streamed in 1 MB chunks, one retry of a refused message. */
    public static FolderSyncSettings defaults() {
        return new FolderSyncSettings(Path.of(System.getProperty("java.io.tmpdir"), "vaultmail-migrate-spool"),
                200, 4L << 20, 4L << 20, 1 << 20, 1);
    }

    public FolderSyncSettings withStreamingThreshold(long threshold, int chunk) {
        return new FolderSyncSettings(spoolDirectory, batchMessages, batchBytes, threshold, chunk, retries);
    }

    public FolderSyncSettings withBatch(int messages, long bytes) {
        return new FolderSyncSettings(spoolDirectory, messages, bytes, streamingThreshold, chunkBytes, retries);
    }
}
