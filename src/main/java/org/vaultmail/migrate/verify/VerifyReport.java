package org.vaultmail.migrate.verify;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** What {@link MailboxVerifier} found, per folder pair; {@link #clean()} only when every folder is. */
public record VerifyReport(List<Folder> folders) {

    public VerifyReport {
        folders = List.copyOf(folders);
    }

    public boolean clean() {
        return folders.stream().allMatch(Folder::clean);
    }

    public long sourceCount() {
        return folders.stream().mapToLong(Folder::sourceCount).sum();
    }

    public long destinationCount() {
        return folders.stream().mapToLong(Folder::destinationCount).sum();
    }

    /** One line per folder and one per kind of difference: for logs, the CLI and the benchmark. */
    public String summary() {
        StringBuilder out = new StringBuilder(clean() ? "clean" : "DIFFERENT");
        out.append(": ").append(sourceCount()).append(" source, ").append(destinationCount()).append(" destination messages in ")
                .append(folders.size()).append(" folders\n");
        for (Folder f : folders) {
            out.append("  ").append(f.source()).append(" -> ").append(f.destination()).append(": ")
                    .append(f.sourceCount()).append('/').append(f.destinationCount());
            if (f.clean()) {
                out.append(" ok\n");
                continue;
            }
            out.append(" missing ").append(f.missing().size()).append(", extra ").append(f.extra().size())
                    .append(" (duplicates ").append(f.duplicates()).append("), flags ").append(f.flagDifferences().size())
                    .append(", dates ").append(f.dateDifferences().size());
            if (!f.rewritten().isEmpty()) {
                out.append(", headers rewritten ").append(f.rewritten().size()).append(" (of which flags differ ")
                        .append(f.rewritten().stream().filter(Rewritten::flagsDiffer).count()).append(", dates differ ")
                        .append(f.rewritten().stream().filter(Rewritten::datesDiffer).count()).append(')');
            }
            if (!f.sourceUnchanged()) {
                out.append(", source HIGHESTMODSEQ ").append(f.highestModSeqBefore()).append(" -> ").append(f.highestModSeqAfter());
            }
            f.problems().forEach(p -> out.append(", ").append(p));
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * One folder pair.
     *
     * @param missing          on the source, not (that many times) on the destination; UIDs are the source's
     * @param extra            on the destination, not (that many times) on the source; UIDs are the destination's
     * @param duplicates       how many of {@code extra} have raw bytes that the source has too (copied once too often)
     * @param rewritten        missing/extra pairs with the same body and different header bytes (a header added or
     *                         changed by the copy), with their flags and dates; they stay in {@code missing}/{@code extra}
     * @param highestModSeqBefore the source's HIGHESTMODSEQ before reading it, or null when not checked
     * @param problems         what made the folder unreadable (e.g. the destination folder does not exist)
     */
    public record Folder(String source, String destination, long sourceCount, long destinationCount,
                         List<Message> missing, List<Message> extra, long duplicates,
                         List<FlagDifference> flagDifferences, List<DateDifference> dateDifferences,
                         List<Rewritten> rewritten, @Nullable Long highestModSeqBefore, @Nullable Long highestModSeqAfter, List<String> problems) {

        public Folder {
            missing = List.copyOf(missing);
            extra = List.copyOf(extra);
            flagDifferences = List.copyOf(flagDifferences);
            dateDifferences = List.copyOf(dateDifferences);
            rewritten = List.copyOf(rewritten);
            problems = List.copyOf(problems);
        }

        public boolean sourceUnchanged() {
            return highestModSeqBefore == null || highestModSeqBefore.equals(highestModSeqAfter);
        }

        public boolean clean() {
            return sourceCount == destinationCount && missing.isEmpty() && extra.isEmpty() && flagDifferences.isEmpty()
                    && dateDifferences.isEmpty() && sourceUnchanged() && problems.isEmpty();
        }
    }

    /** A message on one side: its UID there, raw SHA-256 (hex), flags and INTERNALDATE. */
    public record Message(long uid, String sha256, Set<String> flags, Instant internalDate) {
        public Message {
            flags = Set.copyOf(flags);
        }
    }

    /** The same raw bytes on both sides with different flags (after the ignored ones are left out). */
    public record FlagDifference(long sourceUid, long destinationUid, String sha256, Set<String> source,
                                 Set<String> destination) {
        public FlagDifference {
            source = Set.copyOf(source);
            destination = Set.copyOf(destination);
        }
    }

    /** The same body on both sides under different header bytes; flags and dates of both, to see what else changed. */
    public record Rewritten(long sourceUid, long destinationUid, String sourceSha256, String destinationSha256,
                            Set<String> sourceFlags, Set<String> destinationFlags, Instant sourceDate,
                            Instant destinationDate) {
        public Rewritten {
            sourceFlags = Set.copyOf(sourceFlags);
            destinationFlags = Set.copyOf(destinationFlags);
        }

        public boolean flagsDiffer() {
            return !sourceFlags.equals(destinationFlags);
        }

        public boolean datesDiffer() {
            return !sourceDate.equals(destinationDate);
        }
    }

    /** The same raw bytes on both sides with a different INTERNALDATE. */
    public record DateDifference(long sourceUid, long destinationUid, String sha256, Instant source, Instant destination) {
    }
}
