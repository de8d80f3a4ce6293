package org.vaultmail.admin.migrations;

import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobView;

/**
 * A job's totals: the live progress while it runs, the folders' report once written; whichever is further along
 * (the report of a folder lands when it ends, the progress about once a second).
 */
record Totals(long copied, long present, long failed, long bytes) {

    static Totals of(JobView job) {
        var p = job.progress();
        long copied = 0, present = 0, failed = 0, bytes = 0;
        for (FolderReport f : job.folders()) {
            copied += f.copied();
            present += f.present();
            failed += f.failed();
            bytes += f.bytes();
        }
        return new Totals(Math.max(copied, p.copied()), Math.max(present, p.present()), Math.max(failed, p.failed()),
                Math.max(bytes, p.bytesCopied()));
    }
}
