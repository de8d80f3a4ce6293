package org.vaultmail.migrate;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a job copies and how (issue 14 item 1). No credential ever goes in here: it is stored as JSON in clear.
 *
 * @param includeFolders     source folder patterns to copy ({@code *} any run of characters, {@code %} within one level);
 *                           empty means all
 * @param excludeFolders     source folder patterns to leave out (applied after include)
 * @param rules              manual mapping rules, applied before the automatic mapping
 * @param since              only messages whose INTERNALDATE is on or after this day (UTC), or null
 * @param before             only messages whose INTERNALDATE is before this day (UTC), or null
 * @param maxMessageBytes    larger messages are skipped and reported; 0 means no limit
 * @param skipTrashAndJunk   leave out the folders marked (or named) Trash and Junk
 * @param dryRun             plan and count only: nothing is written to the destination or the sync state
 * @param mode               copy or mirror
 * @param mirrorConfirmed    mirror deletes on the destination: it runs only when the requester confirmed it
 * @param maxMessagesPerSecond 0 means no limit
 * @param maxBytesPerSecond  0 means no limit
 */
public record MigrationOptions(List<String> includeFolders, List<String> excludeFolders, List<FolderRule> rules,
                               @Nullable LocalDate since, @Nullable LocalDate before, long maxMessageBytes,
                               boolean skipTrashAndJunk, boolean dryRun, MigrationMode mode, boolean mirrorConfirmed,
                               double maxMessagesPerSecond, long maxBytesPerSecond) {

    public MigrationOptions {
        includeFolders = List.copyOf(includeFolders);
        excludeFolders = List.copyOf(excludeFolders);
        rules = List.copyOf(rules);
        if (maxMessageBytes < 0) throw new IllegalArgumentException("maxMessageBytes must not be negative");
        if (maxMessagesPerSecond < 0 || maxBytesPerSecond < 0) throw new IllegalArgumentException("limits must not be negative");
        if (since != null && before != null && !since.isBefore(before)) {
            throw new IllegalArgumentException("since must be before before");
        }
        if (mode == MigrationMode.MIRROR && !mirrorConfirmed) {
            throw new IllegalArgumentException("mirror mode deletes on the destination; it needs confirmation");
        }
    }

    /** Copy everything, no limits. */
    public static MigrationOptions defaults() {
        return new MigrationOptions(List.of(), List.of(), List.of(), null, null, 0, false, false, MigrationMode.COPY,
                false, 0, 0);
    }

    public MigrationOptions withDryRun(boolean dry) {
        return new MigrationOptions(includeFolders, excludeFolders, rules, since, before, maxMessageBytes,
                skipTrashAndJunk, dry, mode, mirrorConfirmed, maxMessagesPerSecond, maxBytesPerSecond);
    }

    public MigrationOptions withMode(MigrationMode m, boolean confirmed) {
        return new MigrationOptions(includeFolders, excludeFolders, rules, since, before, maxMessageBytes,
                skipTrashAndJunk, dryRun, m, confirmed, maxMessagesPerSecond, maxBytesPerSecond);
    }

    public MigrationOptions withFolders(List<String> include, List<String> exclude) {
        return new MigrationOptions(include, exclude, rules, since, before, maxMessageBytes,
                skipTrashAndJunk, dryRun, mode, mirrorConfirmed, maxMessagesPerSecond, maxBytesPerSecond);
    }

    public MigrationOptions withLimits(double messagesPerSecond, long bytesPerSecond) {
        return new MigrationOptions(includeFolders, excludeFolders, rules, since, before, maxMessageBytes,
                skipTrashAndJunk, dryRun, mode, mirrorConfirmed, messagesPerSecond, bytesPerSecond);
    }
}
