package org.vaultmail.migrate;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vaultmail.i18n.InputRefused;

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
 * @param gmailLabels        a Gmail-shaped source's labels (ADR 0046): one copy per message in the folder of its first
 *                           label (default), or a copy in every label's folder
 */
public record MigrationOptions(List<String> includeFolders, List<String> excludeFolders, List<FolderRule> rules,
                               @Nullable LocalDate since, @Nullable LocalDate before, long maxMessageBytes,
                               boolean skipTrashAndJunk, boolean dryRun, MigrationMode mode, boolean mirrorConfirmed,
                               double maxMessagesPerSecond, long maxBytesPerSecond, GmailLabels gmailLabels) {

    /** What a Gmail-shaped source's labels become (ADR 0046). */
    public enum GmailLabels {
        /**
         * One copy per message: a message in INBOX, Sent, Drafts, Trash or Spam stays there; an archived one goes to the
         * folder of its first user label (in code-point order); {@code All Mail} keeps only archived mail without a label.
         */
        FIRST_LABEL,
        /** A copy in every folder Gmail shows the message in, except {@code All Mail} (as imapsync does by default). */
        ALL_LABELS;

        /** {@code first-label} | {@code all-labels}, as in the API. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static GmailLabels of(String label) {
            return valueOf(label.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** The options before issue 15 (no Gmail setting: {@link GmailLabels#FIRST_LABEL}). */
    public MigrationOptions(List<String> includeFolders, List<String> excludeFolders, List<FolderRule> rules,
                            @Nullable LocalDate since, @Nullable LocalDate before, long maxMessageBytes,
                            boolean skipTrashAndJunk, boolean dryRun, MigrationMode mode, boolean mirrorConfirmed,
                            double maxMessagesPerSecond, long maxBytesPerSecond) {
        this(includeFolders, excludeFolders, rules, since, before, maxMessageBytes, skipTrashAndJunk, dryRun, mode,
                mirrorConfirmed, maxMessagesPerSecond, maxBytesPerSecond, GmailLabels.FIRST_LABEL);
    }

    public MigrationOptions {
        if (gmailLabels == null) gmailLabels = GmailLabels.FIRST_LABEL; // stored before issue 15
        includeFolders = List.copyOf(includeFolders);
        excludeFolders = List.copyOf(excludeFolders);
        rules = List.copyOf(rules);
        if (maxMessageBytes < 0) throw InputRefused.of("input.migrate.maxMessageBytes");
        if (maxMessagesPerSecond < 0 || maxBytesPerSecond < 0) throw new IllegalArgumentException("limits must not be negative");
        if (since != null && before != null && !since.isBefore(before)) {
            throw InputRefused.of("input.migrate.sinceBeforeBefore");
        }
        if (mode == MigrationMode.MIRROR && !mirrorConfirmed) {
            throw InputRefused.of("input.migrate.mirrorUnconfirmed");
        }
    }

    /** Copy everything, no limits. */
    public static MigrationOptions defaults() {
        return new MigrationOptions(List.of(), List.of(), List.of(), null, null, 0, false, false, MigrationMode.COPY,
                false, 0, 0);
    }

    public MigrationOptions withDryRun(boolean dry) {
        return new MigrationOptions(includeFolders, excludeFolders, rules, since, before, maxMessageBytes,
                skipTrashAndJunk, dry, mode, mirrorConfirmed, maxMessagesPerSecond, maxBytesPerSecond, gmailLabels);
    }

    public MigrationOptions withMode(MigrationMode m, boolean confirmed) {
        return new MigrationOptions(includeFolders, excludeFolders, rules, since, before, maxMessageBytes,
                skipTrashAndJunk, dryRun, m, confirmed, maxMessagesPerSecond, maxBytesPerSecond, gmailLabels);
    }

    public MigrationOptions withFolders(List<String> include, List<String> exclude) {
        return new MigrationOptions(include, exclude, rules, since, before, maxMessageBytes,
                skipTrashAndJunk, dryRun, mode, mirrorConfirmed, maxMessagesPerSecond, maxBytesPerSecond, gmailLabels);
    }

    public MigrationOptions withLimits(double messagesPerSecond, long bytesPerSecond) {
        return new MigrationOptions(includeFolders, excludeFolders, rules, since, before, maxMessageBytes,
                skipTrashAndJunk, dryRun, mode, mirrorConfirmed, messagesPerSecond, bytesPerSecond, gmailLabels);
    }

    public MigrationOptions withGmailLabels(GmailLabels labels) {
        return new MigrationOptions(includeFolders, excludeFolders, rules, since, before, maxMessageBytes,
                skipTrashAndJunk, dryRun, mode, mirrorConfirmed, maxMessagesPerSecond, maxBytesPerSecond, labels);
    }
}
