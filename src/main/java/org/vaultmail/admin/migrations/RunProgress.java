package org.vaultmail.admin.migrations;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.Progress;

/**
 * What {@code migrate run} shows while the job runs: on a terminal one redrawn bar on stderr; otherwise (a log, a
 * pipe) one line on stdout per folder as its report appears, so the output of a script reads like a log.
 */
final class RunProgress {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean bar;
    private final Set<String> printed = new HashSet<>();
    private boolean drawn;

    RunProgress(PrintStream out, PrintStream err, boolean bar) {
        this.out = out;
        this.err = err;
        this.bar = bar;
    }

    synchronized void show(JobView job) {
        if (bar) {
            err.print("\r" + render(job.progress()));
            err.flush();
            drawn = true;
        } else {
            folders(job);
        }
    }

    /** The last view: ends the bar, or prints the folders not printed yet. */
    synchronized void end(JobView job) {
        if (drawn) {
            err.print("\r" + render(job.progress()));
            err.println();
        }
        if (!bar) folders(job);
    }

    private void folders(JobView job) {
        for (FolderReport f : job.folders()) {
            if (printed.add(f.source())) out.println(JobText.folderLine(f));
        }
        out.flush();
    }

    static String render(Progress p) {
        int width = 30;
        long total = p.messagesTotal();
        int filled = total <= 0 ? 0 : (int) Math.min(width, p.messagesDone() * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + JobText.progress(p) + "   ";
    }
}
