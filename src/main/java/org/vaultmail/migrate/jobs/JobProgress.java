package org.vaultmail.migrate.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationError;
import org.vaultmail.migrate.Progress;
import org.vaultmail.migrate.engine.CopyProgress;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * The run's {@link CopyProgress}: counters in memory (the engine calls it from several threads), written by the
 * heartbeat about once a second. A resumed run starts from what earlier runs wrote: their {@code copied} stay copied,
 * and this pass's "present" leaves out what they copied, so the report reads as one uninterrupted job.
 */
final class JobProgress implements CopyProgress {

    private static final class Folder {
        final int position;
        String destination;
        final long baseCopied;
        final long baseBytes;
        long sourceCount;
        long sourceBytes;
        long copied;
        long bytes;
        long present;
        long failed;
        boolean planned;
        FolderReport done;

        Folder(int position, String destination, long baseCopied, long baseBytes) {
            this.position = position;
            this.destination = destination;
            this.baseCopied = baseCopied;
            this.baseBytes = baseBytes;
        }

        long presentNet() {
            return Math.max(0, present - baseCopied);
        }

        FolderReport report() {
            if (done != null) {
                return new FolderReport(done.source(), done.destination(), done.sourceCount(), done.destinationCount(),
                        baseCopied + done.copied(), Math.max(0, done.present() - baseCopied), done.failed(),
                        done.flagsNotSettable(), done.removed(), done.ambiguous(), baseBytes + done.bytes(), done.notes());
            }
            return null;
        }
    }

    private final Map<String, Folder> folders = new LinkedHashMap<>();
    private final List<MigrationError> errors = new ArrayList<>();
    private final Clock clock;
    private final Instant started;
    private boolean dirty = true;

    /** {@code earlier}: the job's folder rows from earlier runs (empty for a first run). */
    JobProgress(List<FolderReport> earlier, Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        int position = 0;
        for (FolderReport f : earlier) {
            Folder folder = new Folder(position++, f.destination(), f.copied(), f.bytes());
            folder.sourceCount = f.sourceCount();
            folders.put(f.source(), folder);
        }
    }

    @Override
    public synchronized void planned(FolderPair pair, long sourceMessages, long sourceBytes, long toCopy, long bytesToCopy) {
        Folder f = folder(pair);
        f.planned = true;
        f.destination = pair.destination();
        f.sourceCount = sourceMessages;
        f.sourceBytes = sourceBytes;
        dirty = true;
    }

    @Override
    public synchronized void copied(FolderPair pair, int messages, long bytes) {
        Folder f = folder(pair);
        f.copied += messages;
        f.bytes += bytes;
        dirty = true;
    }

    @Override
    public synchronized void present(FolderPair pair, long messages) {
        folder(pair).present += messages;
        dirty = true;
    }

    @Override
    public synchronized void failed(FolderPair pair, long sourceUid, String reason) {
        folder(pair).failed++;
        errors.add(new MigrationError(pair.source(), sourceUid, reason, clock.instant()));
        dirty = true;
    }

    @Override
    public synchronized void folderDone(FolderReport report) {
        Folder f = folders.computeIfAbsent(report.source(), k -> new Folder(folders.size(), report.destination(), 0, 0));
        f.done = report;
        f.planned = true;
        dirty = true;
    }

    /** Totals as the job row shows them. */
    synchronized Progress progress() {
        int done = 0;
        long total = 0;
        long bytesTotal = 0;
        long copied = 0;
        long present = 0;
        long failed = 0;
        long bytes = 0;
        long runCopied = 0;
        for (Folder f : folders.values()) {
            FolderReport r = f.report();
            if (r != null) {
                done++;
                copied += r.copied();
                present += r.present();
                failed += r.failed();
                bytes += r.bytes();
                runCopied += f.done.copied();
            } else {
                copied += f.baseCopied + f.copied;
                present += f.presentNet();
                failed += f.failed;
                bytes += f.baseBytes + f.bytes;
                runCopied += f.copied;
            }
            total += f.sourceCount;
            bytesTotal += f.sourceBytes;
        }
        long messagesDone = copied + present + failed;
        double seconds = Math.max(0.001, (clock.millis() - started.toEpochMilli()) / 1000.0);
        Double rate = runCopied == 0 ? null : runCopied / seconds;
        return new Progress(done, folders.size(), Math.min(messagesDone, Math.max(total, messagesDone)), total, bytes,
                Math.max(bytesTotal, bytes), copied, present, failed, bytes, rate, null);
    }

    /** The report's folder rows as they stand. */
    synchronized List<JobRows.FolderRow> folderRows() {
        List<JobRows.FolderRow> out = new ArrayList<>();
        folders.forEach((source, f) -> {
            FolderReport r = f.report();
            if (r == null) {
                r = new FolderReport(source, f.destination, f.sourceCount, 0, f.baseCopied + f.copied, f.presentNet(),
                        f.failed, 0, 0, 0, f.baseBytes + f.bytes);
            }
            out.add(new JobRows.FolderRow(f.position, f.done != null ? (r.failed() > 0 ? "failed" : "done")
                    : f.planned ? "running" : "pending", r));
        });
        return out;
    }

    /** Errors not yet written; taken once. */
    synchronized List<MigrationError> takeErrors() {
        List<MigrationError> out = List.copyOf(errors);
        errors.clear();
        return out;
    }

    /** Whether anything changed since the last call. */
    synchronized boolean takeDirty() {
        boolean was = dirty;
        dirty = false;
        return was;
    }

    private Folder folder(FolderPair pair) {
        return folders.computeIfAbsent(pair.source(), k -> new Folder(folders.size(), pair.destination(), 0, 0));
    }
}
