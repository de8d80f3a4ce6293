package org.vaultmail.migrate;

import org.jspecify.annotations.Nullable;

/** Live progress of a job (written by the runner about once a second; the API, the pages and the CLI read it). */
public record Progress(int foldersDone, int foldersTotal, long messagesDone, long messagesTotal, long bytesDone,
                       long bytesTotal, long copied, long present, long failed, long bytesCopied,
                       @Nullable Double ratePerSecond, @Nullable Long etaSeconds) {

    public static Progress none() {
        return new Progress(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);
    }
}
