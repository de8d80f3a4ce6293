package org.vaultmail.migrate.engine;

import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.mapping.FolderPair;

/** What a pass reports while it runs; called from several worker threads (implementations are thread-safe). */
public interface CopyProgress {

    /** A folder's plan: messages and bytes in scope on the source, and how many of them are to be copied. */
    default void planned(FolderPair pair, long sourceMessages, long sourceBytes, long toCopy, long bytesToCopy) {
    }

    default void copied(FolderPair pair, int messages, long bytes) {
    }

    default void present(FolderPair pair, long messages) {
    }

    /** A message skipped after retries; {@code reason} in words, never a server reply that could echo a credential. */
    default void failed(FolderPair pair, long sourceUid, String reason) {
    }

    default void folderDone(FolderReport report) {
    }

    CopyProgress NONE = new CopyProgress() {
    };
}
