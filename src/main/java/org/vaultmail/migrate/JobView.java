package org.vaultmail.migrate;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A job as the API, the pages and the CLI show it. It has no credential field at all (issue 14 item 1): logins
 * (addresses) yes, passwords never.
 *
 * @param requested  {@code pause} or {@code cancel} when asked and not yet honoured
 * @param credentialsHeld whether sealed credentials are still stored (false once the job has ended)
 */
public record JobView(String id, JobState state, @Nullable Long ownerUserId, String createdBy, String sourceServer,
                      String sourceLogin, String destinationServer, String destinationLogin, MigrationOptions options,
                      Progress progress, List<FolderReport> folders, @Nullable String error, Instant createdAt,
                      @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String requested,
                      boolean credentialsHeld) {

    public JobView {
        folders = List.copyOf(folders);
    }

    /** The report's totals ({@code copied}, {@code present}, {@code failed}, {@code bytes}), the same for every reader. */
    public record Totals(long copied, long present, long failed, long bytes) {
    }

    /**
     * The totals: the live progress while the job runs, the folders' report once written, whichever is further along
     * (a folder's report lands when it ends, the progress about once a second).
     */
    public Totals totals() {
        long copied = 0, present = 0, failed = 0, bytes = 0;
        for (FolderReport f : folders) {
            copied += f.copied();
            present += f.present();
            failed += f.failed();
            bytes += f.bytes();
        }
        return new Totals(Math.max(copied, progress.copied()), Math.max(present, progress.present()),
                Math.max(failed, progress.failed()), Math.max(bytes, progress.bytesCopied()));
    }
}
