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
}
