package org.vaultmail.migrate.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * A {@link FolderSync} for a Gmail-shaped source (ADR 0046): each folder's plan leaves out the copies of messages whose
 * home is another folder ({@link GmailLabels}); they count as present (the message is copied once, elsewhere). The
 * filtered plan stands for the original one towards the wrapped sync, which keys its own plan data by identity.
 */
final class LabelFilteredSync implements FolderSync {

    private final FolderSync sync;
    private final Map<String, Set<Long>> excluded;
    private final Map<FolderPlan, FolderPlan> originals = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<FolderPlan, Long> left = Collections.synchronizedMap(new IdentityHashMap<>());

    LabelFilteredSync(FolderSync sync, Map<String, Set<Long>> excluded) {
        this.sync = sync;
        this.excluded = Map.copyOf(excluded);
    }

    @Override
    public FolderPlan plan(FolderPair pair, IMAPStore source, IMAPStore destination, MigrationOptions options,
                           SyncState state) throws MessagingException, ServerThrottled {
        FolderPlan plan = sync.plan(pair, source, destination, options, state);
        Set<Long> out = excluded.getOrDefault(pair.source(), Set.of());
        if (out.isEmpty()) return plan;
        List<SourceMessage> keep = plan.toCopy().stream().filter(m -> !out.contains(m.uid())).toList();
        long leftOut = plan.toCopy().size() - keep.size();
        FolderPlan filtered = new FolderPlan(plan.pair(), plan.state(), keep, plan.sourceCount(), plan.present() + leftOut,
                plan.ambiguous(), plan.skipped(), plan.noChange(), plan.permanentFlags(), plan.sourceHighestModSeq(),
                plan.sourceUidNext());
        originals.put(filtered, plan);
        left.put(filtered, leftOut);
        return filtered;
    }

    @Override
    public ChunkResult copy(FolderPlan plan, List<SourceMessage> chunk, IMAPStore source, IMAPStore destination,
                            SyncState state, RunControl control)
            throws MessagingException, ServerThrottled, JobInterrupted, InterruptedException {
        return sync.copy(originals.getOrDefault(plan, plan), chunk, source, destination, state, control);
    }

    @Override
    public FolderReport finish(FolderPlan plan, List<ChunkResult> chunks, IMAPStore source, IMAPStore destination,
                               MigrationOptions options, SyncState state) throws MessagingException, ServerThrottled {
        FolderPlan original = originals.getOrDefault(plan, plan);
        FolderReport r = sync.finish(original, chunks, source, destination, options, state);
        long leftOut = left.getOrDefault(plan, 0L);
        originals.remove(plan);
        left.remove(plan);
        return leftOut == 0 ? r : new FolderReport(r.source(), r.destination(), r.sourceCount(), r.destinationCount(),
                r.copied(), r.present() + leftOut, r.failed(), r.flagsNotSettable(), r.removed(), r.ambiguous(), r.bytes());
    }
}
