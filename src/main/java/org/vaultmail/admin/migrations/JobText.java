package org.vaultmail.admin.migrations;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.FolderNote;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationError;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.Progress;

/** A job for a person at a terminal: {@code status}, {@code list} and the per-folder lines of {@code run}. */
final class JobText {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    static final String LIST_FORMAT = "%-26s %-9s %-14s %-60s %s%n";

    private JobText() {
    }

    static void status(JobView job, List<MigrationError> errors, PrintStream out) {
        out.printf("Job %s: %s%s%n", job.id(), job.state().label(), job.requested() == null ? "" : " (" + job.requested() + " requested)");
        out.printf("  from     %s at %s%n", job.sourceLogin(), job.sourceServer());
        out.printf("  to       %s at %s%n", job.destinationLogin(), job.destinationServer());
        out.printf("  options  %s%n", options(job.options()));
        out.printf("  created  %s UTC by %s%s%n", AT.format(job.createdAt()), job.createdBy(),
                job.ownerUserId() == null ? "" : " (owner: user " + job.ownerUserId() + ")");
        out.printf("  started  %s%n  finished %s%n", at(job.startedAt()), at(job.finishedAt()));
        out.printf("  progress %s%n", progress(job.progress()));
        JobView.Totals t = job.totals();
        out.printf("  total    %d copied, %d already present, %d failed, %s%n", t.copied(), t.present(), t.failed(), size(t.bytes()));
        out.printf("  credentials %s%n", job.credentialsHeld() ? "held (sealed) until the job ends" : "deleted");
        if (job.error() != null) out.printf("  error    %s%n", job.error());
        if (!job.folders().isEmpty()) {
            out.println();
            out.printf("%-32s %-32s %8s %8s %8s %8s %8s%n", "SOURCE", "DESTINATION", "SOURCE#", "DEST#", "COPIED", "PRESENT", "FAILED");
            for (FolderReport f : job.folders()) {
                out.printf("%-32s %-32s %8d %8d %8d %8d %8d%n", f.source(), f.destination(), f.sourceCount(),
                        f.destinationCount(), f.copied(), f.present(), f.failed());
                for (FolderNote n : f.notes()) out.printf("    note: %s%n", n.text());
            }
        }
        if (!errors.isEmpty()) {
            out.println();
            out.println("Messages that failed (folder, UID, reason):");
            errors.forEach(e -> out.printf("  %s  %d  %s%n", e.sourceFolder(), e.sourceUid(), e.reason()));
        }
    }

    static void listHeader(PrintStream out) {
        out.printf(LIST_FORMAT, "ID", "STATE", "PROGRESS", "SOURCE -> DESTINATION", "CREATED BY");
    }

    static void listRow(JobView job, PrintStream out) {
        Progress p = job.progress();
        String progress = p.messagesTotal() > 0 ? p.messagesDone() + "/" + p.messagesTotal() : "-";
        out.printf(LIST_FORMAT, job.id(), job.state().label(), progress,
                job.sourceLogin() + "@" + job.sourceServer() + " -> " + job.destinationLogin() + "@" + job.destinationServer(),
                job.createdBy());
    }

    static String folderLine(FolderReport f) {
        String line = String.format(Locale.ROOT, "%s -> %s: %d copied, %d present, %d failed (%d in source, %d in destination)",
                f.source(), f.destination(), f.copied(), f.present(), f.failed(), f.sourceCount(), f.destinationCount());
        return f.notes().isEmpty() ? line : line + "; note: " + String.join("; ", f.notes().stream().map(FolderNote::text).toList());
    }

    static String progress(Progress p) {
        StringBuilder s = new StringBuilder();
        s.append(p.foldersDone()).append('/').append(p.foldersTotal()).append(" folders, ")
                .append(p.messagesDone()).append('/').append(p.messagesTotal()).append(" messages, ")
                .append(size(p.bytesDone())).append(" of ").append(size(p.bytesTotal()));
        if (p.ratePerSecond() != null) s.append(String.format(Locale.ROOT, ", %.0f msg/s", p.ratePerSecond()));
        if (p.etaSeconds() != null) s.append(", ETA ").append(duration(p.etaSeconds()));
        return s.toString();
    }

    static String options(MigrationOptions o) {
        StringBuilder s = new StringBuilder(o.mode().label());
        if (o.dryRun()) s.append(", dry run");
        if (!o.includeFolders().isEmpty()) s.append(", folders ").append(String.join(",", o.includeFolders()));
        if (!o.excludeFolders().isEmpty()) s.append(", excluding ").append(String.join(",", o.excludeFolders()));
        if (o.since() != null) s.append(", since ").append(o.since());
        if (o.before() != null) s.append(", before ").append(o.before());
        if (o.maxMessageBytes() > 0) s.append(", at most ").append(o.maxMessageBytes()).append(" bytes a message");
        if (o.skipTrashAndJunk()) s.append(", skipping Trash and Junk");
        return s.toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
        return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String at(@Nullable Instant at) {
        return at == null ? "-" : AT.format(at) + " UTC";
    }
}
