package org.vaultmail.migrate.engine;

import java.util.List;

import org.vaultmail.migrate.mapping.FolderPair;

/**
 * What {@link FolderSync#plan} found for one folder pair: the state row, the messages to copy (in UID order; the
 * engine may split them into chunks and copy chunks in parallel on several connections), and the counts so far.
 *
 * @param sourceCount  messages in scope on the source
 * @param present      already on the destination (copied before, resolved from a pending append, or matched by
 *                     fingerprint), not to be copied
 * @param ambiguous    fingerprint groups that could not be decided (reported, not guessed)
 * @param skipped      messages out of scope by size (reported as failed with a reason)
 * @param noChange     nothing changed since the last completed pass (no body, no flag fetched)
 * @param permanentFlags the destination folder's PERMANENTFLAGS ({@code \*} means keywords may be created)
 */
public record FolderPlan(FolderPair pair, SyncState.FolderState state, List<SourceMessage> toCopy, long sourceCount,
                         long present, long ambiguous, List<SourceMessage> skipped, boolean noChange,
                         java.util.Set<String> permanentFlags, long sourceHighestModSeq, long sourceUidNext) {

    public FolderPlan {
        toCopy = List.copyOf(toCopy);
        skipped = List.copyOf(skipped);
        permanentFlags = java.util.Set.copyOf(permanentFlags);
    }

    public long bytesToCopy() {
        return toCopy.stream().mapToLong(SourceMessage::size).sum();
    }
}
