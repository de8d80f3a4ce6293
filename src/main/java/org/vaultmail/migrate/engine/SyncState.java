package org.vaultmail.migrate.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable record of what one pair (source account → destination account) has copied, per source folder (ADR
 * 0041). Every method is one transaction, so a kill between any two calls leaves a state the next pass can resume
 * from. Implementations: {@link InMemorySyncState} (tests, dry runs) and the jobs feature's database one.
 */
public interface SyncState {

    Optional<FolderState> folder(String sourceFolder);

    /**
     * The folder's state for this pass: created when missing; when either UIDVALIDITY differs from the stored one,
     * the folder's copied map and pending appends are dropped (UIDs no longer name the same messages) and the
     * progress marks reset to 0.
     */
    FolderState open(String sourceFolder, String destinationFolder, long sourceUidValidity, long destinationUidValidity);

    /** After a completed pass over the folder: the source's HIGHESTMODSEQ, UIDNEXT and message count then. */
    void passCompleted(long folderStateId, long highestModSeq, long uidNext, long messageCount);

    /** Source UID → destination UID (0 when the destination gave no APPENDUID) of everything copied. */
    Map<Long, Long> copied(long folderStateId);

    /** Written before an APPEND is sent; returns the batch id that {@link #appended} or {@link #abandoned} closes. */
    long beginAppend(long folderStateId, long destinationUidNext, List<PendingMessage> messages);

    /** At the APPEND's tagged OK (or when a pending batch was resolved after a crash): copied rows in, pending row out. */
    void appended(long folderStateId, long batchId, Map<Long, Long> sourceToDestinationUid);

    /** The APPEND was refused (tagged NO/BAD): nothing of it reached the destination. */
    void abandoned(long folderStateId, long batchId);

    List<PendingAppend> pending(long folderStateId);

    /** Mirror deletions, or source messages that are gone: forget these source UIDs. */
    void removed(long folderStateId, Collection<Long> sourceUids);

    /**
     * @param uidValidity of source and destination as stored
     * @param highestModSeq 0 when the source has no CONDSTORE or no pass completed
     */
    record FolderState(long id, String sourceFolder, String destinationFolder, long sourceUidValidity,
                       long destinationUidValidity, long highestModSeq, long uidNext, long messageCount) {
    }

    /** A message of an APPEND in flight: enough to recognise it on the destination after a crash. */
    record PendingMessage(long uid, long size, String fingerprint) {
    }

    record PendingAppend(long batchId, long destinationUidNext, List<PendingMessage> messages) {
        public PendingAppend {
            messages = List.copyOf(messages);
        }
    }
}
