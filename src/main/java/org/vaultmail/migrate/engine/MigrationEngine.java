package org.vaultmail.migrate.engine;

import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationReport;

/**
 * One pass of a source account into a destination account (issue 14 items 2–5): maps the folders, creates and
 * subscribes what the destination lacks, copies what is missing (per {@link SyncState}, else by fingerprint), syncs
 * flags, and in mirror mode removes what the source no longer has. The source is only ever EXAMINEd and read with
 * BODY.PEEK. Safe to run again at any time: a second pass with no change fetches no message body.
 */
public interface MigrationEngine {

    MigrationReport run(ImapAccount source, ImapAccount destination, MigrationOptions options, SyncState state,
                        CopyProgress progress, RunControl control)
            throws MigrationFailure, JobInterrupted, InterruptedException;
}
