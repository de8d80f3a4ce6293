package org.vaultmail.migrate.engine;

import java.util.List;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * One folder pair in three phases, each on connections the engine gives it (and may give anew after a dropped
 * connection: every phase is safe to call again, resuming from {@link SyncState}). The destination folder exists when
 * {@link #plan} is called. A dropped connection surfaces as {@link jakarta.mail.FolderClosedException},
 * {@link jakarta.mail.StoreClosedException} or an {@code IOException} cause; a server's throttling as
 * {@link ServerThrottled}.
 */
public interface FolderSync {

    /**
     * EXAMINEs the source folder, checks UIDVALIDITY against the state, resolves pending appends left by a crash,
     * and decides what is missing: by the state's copied map (nothing below the stored UIDNEXT is fetched again), or
     * by fingerprint when there is no state. In mirror mode also works out what to remove (done in {@link #finish}).
     */
    FolderPlan plan(FolderPair pair, IMAPStore source, IMAPStore destination, MigrationOptions options, SyncState state)
            throws jakarta.mail.MessagingException, ServerThrottled;

    /**
     * The no-change shortcut of {@link #plan} alone, with STATUS only (no SELECT): the folder's plan when nothing changed
     * since the last completed pass, else empty. The engine settles unchanged folders of a rerun this way on the
     * connection that read the folder trees, so a rerun with no change opens no further connection. Empty by default
     * (the folder is then planned as usual).
     */
    default java.util.Optional<FolderPlan> planIfUnchanged(FolderPair pair, IMAPStore source, IMAPStore destination,
                                                           MigrationOptions options, SyncState state)
            throws jakarta.mail.MessagingException, ServerThrottled {
        return java.util.Optional.empty();
    }

    /**
     * Copies {@code chunk} (part of {@code plan.toCopy()}): bodies fetched in batches with BODY.PEEK[], big ones
     * streamed through a spool file, appended with MULTIAPPEND (+LITERAL+) where offered, each batch recorded with
     * {@link SyncState#beginAppend} before and {@link SyncState#appended} at the tagged OK. Calls
     * {@link RunControl#checkpoint} and {@link RunControl#pace} per batch.
     */
    ChunkResult copy(FolderPlan plan, List<SourceMessage> chunk, IMAPStore source, IMAPStore destination,
                     SyncState state, RunControl control)
            throws jakarta.mail.MessagingException, ServerThrottled, JobInterrupted, InterruptedException;

    /**
     * Syncs flags of messages copied before (CONDSTORE CHANGEDSINCE where offered), applies mirror deletions, records
     * the pass as completed in the state, and counts the destination.
     */
    FolderReport finish(FolderPlan plan, List<ChunkResult> chunks, IMAPStore source, IMAPStore destination,
                        MigrationOptions options, SyncState state)
            throws jakarta.mail.MessagingException, ServerThrottled;
}
