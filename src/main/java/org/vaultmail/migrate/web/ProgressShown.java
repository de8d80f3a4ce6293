package org.vaultmail.migrate.web;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.Progress;

/** A job's progress as the page shows it: percentages for the bar, the rate and the ETA in words. */
record ProgressShown(int percent, String messages, String folders, String bytes, String rate, String eta, long errors) {

    static ProgressShown of(JobView job) {
        Progress p = job.progress();
        int percent;
        if (job.state() == org.vaultmail.migrate.JobState.FINISHED) percent = 100;
        else if (p.messagesTotal() > 0) percent = (int) Math.min(100, p.messagesDone() * 100 / p.messagesTotal());
        else if (p.foldersTotal() > 0) percent = Math.min(100, p.foldersDone() * 100 / p.foldersTotal());
        else percent = 0;
        return new ProgressShown(percent, p.messagesDone() + " of " + p.messagesTotal(),
                p.foldersDone() + " of " + p.foldersTotal(), size(p.bytesDone()) + " of " + size(p.bytesTotal()),
                rate(p.ratePerSecond()), eta(p.etaSeconds()), p.failed());
    }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }

    private static String rate(@Nullable Double perSecond) {
        return perSecond == null ? "–" : String.format(Locale.ROOT, "%.1f messages/s", perSecond);
    }

    private static String eta(@Nullable Long seconds) {
        if (seconds == null) return "–";
        Duration d = Duration.ofSeconds(seconds);
        if (d.toHours() > 0) return d.toHours() + " h " + d.toMinutesPart() + " min";
        if (d.toMinutes() > 0) return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        return d.toSeconds() + " s";
    }
}
