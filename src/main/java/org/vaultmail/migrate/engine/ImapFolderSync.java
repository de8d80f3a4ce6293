package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vaultmail.migrate.FolderNote;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationMode;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * {@link FolderSync} over Angus Mail's IMAP protocol with Vaultmail's own arguments where Angus lacks a command:
 * batched {@code UID FETCH (… BODY.PEEK[])}, MULTIAPPEND with LITERAL+, APPENDUID, CONDSTORE CHANGEDSINCE and UID
 * EXPUNGE (ADR 0041). Thread-safe: the engine may run several chunks of one plan at once.
 */
public final class ImapFolderSync implements FolderSync {

    private static final Logger log = LoggerFactory.getLogger(ImapFolderSync.class);

    private final FolderSyncSettings settings;
    private final SyncCounters counters = new SyncCounters();
    private final MailboxReads reads = new MailboxReads(counters);
    private final BodyFetcher bodies;
    private final Appender appender = new Appender(counters);
    private final Planner planner;
    private final FlagSync flagSync = new FlagSync(reads, counters);
    private final MirrorDeletion mirror = new MirrorDeletion(counters);
    private final Map<FolderPlan, Planner.Extras> extras = Collections.synchronizedMap(new IdentityHashMap<>());

    public ImapFolderSync() {
        this(FolderSyncSettings.defaults());
    }

    public ImapFolderSync(FolderSyncSettings settings) {
        this.settings = settings;
        this.bodies = new BodyFetcher(settings, counters);
        this.planner = new Planner(reads, bodies, new FingerprintMatcher(Math.max(64L << 20, settings.streamingThreshold() * 4)));
    }

    /** What this instance sent and fetched so far. */
    public SyncCounters counters() {
        return counters;
    }

    @Override
    public FolderPlan plan(FolderPair pair, IMAPStore source, IMAPStore destination, MigrationOptions options,
                          SyncState state) throws MessagingException, ServerThrottled {
        Planner.Planned planned = planner.plan(pair, source, destination, options, state);
        extras.put(planned.plan(), planned.extras());
        return planned.plan();
    }

    @Override
    public java.util.Optional<FolderPlan> planIfUnchanged(FolderPair pair, IMAPStore source, IMAPStore destination,
                                                          MigrationOptions options, SyncState state)
            throws MessagingException, ServerThrottled {
        return planner.planIfUnchanged(pair, source, destination, options, state).map(planned -> {
            extras.put(planned.plan(), planned.extras());
            return planned.plan();
        });
    }

    @Override
    public ChunkResult copy(FolderPlan plan, List<SourceMessage> chunk, IMAPStore source, IMAPStore destination,
                            SyncState state, RunControl control)
            throws MessagingException, ServerThrottled, JobInterrupted, InterruptedException {
        Planner.Extras x = extras.get(plan);
        if (chunk.isEmpty() || (x != null && x.dryRun()) || plan.state().id() == 0) {
            return new ChunkResult(0, 0, 0, List.of());
        }
        IMAPFolder src = (IMAPFolder) source.getFolder(plan.pair().source());
        IMAPFolder dst = (IMAPFolder) destination.getFolder(plan.pair().destination()); // APPEND needs no SELECT
        src.open(Folder.READ_ONLY);
        try {
            return new ChunkCopier(settings, bodies, reads, appender, plan, state, src, dst,
                    destination.hasCapability("MULTIAPPEND")).copy(chunk, control);
        } finally {
            Planner.closeQuietly(src);
        }
    }

    @Override
    public FolderReport finish(FolderPlan plan, List<ChunkResult> chunks, IMAPStore source, IMAPStore destination,
                               MigrationOptions options, SyncState state) throws MessagingException, ServerThrottled {
        Planner.Extras x = extras.remove(plan);
        long copied = 0, bytes = 0, failed = plan.skipped().size(), notSettable = 0, removed = 0;
        Set<String> refused = new TreeSet<>();
        List<FolderNote> notes = new ArrayList<>();
        for (ChunkResult c : chunks) {
            copied += c.copied();
            bytes += c.bytes();
            failed += c.failures().size();
            notSettable += c.flagsNotSettable();
            refused.addAll(c.refusedFlags());
        }
        FolderPair pair = plan.pair();
        if (!pair.selectable()) return report(plan, 0, 0, 0, 0, 0, 0);
        IMAPFolder dst = (IMAPFolder) destination.getFolder(pair.destination());
        if (options.dryRun()) {
            return report(plan, destinationCount(dst, plan, x), plan.toCopy().size(), failed, 0, 0,
                    plan.bytesToCopy());
        }
        if (!plan.noChange()) {
            IMAPFolder src = (IMAPFolder) source.getFolder(pair.source());
            src.open(Folder.READ_ONLY);
            try {
                dst.open(Folder.READ_WRITE);
                try {
                    SyncState.FolderState fs = plan.state();
                    Map<Long, Long> map = new HashMap<>(state.copied(fs.id()));
                    Map<Long, Long> earlier = new HashMap<>(map);
                    plan.toCopy().forEach(m -> earlier.remove(m.uid())); // just appended with their flags
                    long changedSince = source.hasCapability("CONDSTORE") ? fs.highestModSeq() : 0;
                    FlagSync.Outcome flags = flagSync.sync(src, dst, earlier, changedSince, plan.permanentFlags());
                    notSettable += flags.notSettable();
                    refused.addAll(flags.refused());
                    if (options.mode() == MigrationMode.MIRROR) {
                        if (MirrorDeletion.supported(dst)) {
                            removed = mirror(dst, fs, map, x, state);
                        } else {
                            log.warn("Mirror deletions in {} need UIDPLUS on the destination; nothing was removed", dst.getFullName());
                            notes.add(new FolderNote(FolderNote.Kind.MIRROR_NEEDS_UIDPLUS, ""));
                        }
                    }
                } finally {
                    Planner.closeQuietly(dst);
                }
            } finally {
                Planner.closeQuietly(src);
            }
            // a pass with failures is not complete: the next one looks at the failed messages again
            if (failed == plan.skipped().size() && x != null) {
                state.passCompleted(plan.state().id(), plan.sourceHighestModSeq(), plan.sourceUidNext(), x.sourceMessages());
            }
        }
        if (!refused.isEmpty()) notes.add(new FolderNote(FolderNote.Kind.FLAGS_NOT_SETTABLE, String.join(", ", refused)));
        return report(plan, destinationCount(dst, plan, x), copied, failed, notSettable, removed, bytes)
                .withNotes(notes);
    }

    /** The destination's message count: the planner's STATUS answer for an unchanged folder (nothing since), else STATUS. */
    private long destinationCount(IMAPFolder dst, FolderPlan plan, Planner.@Nullable Extras x)
            throws MessagingException, ServerThrottled {
        if (plan.noChange() && x != null && x.destinationMessages() != Planner.Extras.ASK_AGAIN) return x.destinationMessages();
        return reads.status(dst, false, false).messages();
    }

    private long mirror(IMAPFolder dst, SyncState.FolderState fs, Map<Long, Long> map, Planner.Extras x, SyncState state)
            throws MessagingException, ServerThrottled {
        if (x == null) return 0;
        Set<Long> goneSource = new HashSet<>(map.keySet());
        goneSource.removeAll(x.sourceUids());
        Set<Long> targets = new HashSet<>(x.extraOnDestination());
        for (Long uid : goneSource) {
            long target = map.get(uid);
            if (target > 0) targets.add(target);
        }
        long removed = mirror.delete(dst, targets);
        if (!goneSource.isEmpty()) state.removed(fs.id(), goneSource);
        return removed;
    }

    private static FolderReport report(FolderPlan plan, long destinationCount, long copied, long failed,
                                       long notSettable, long removed, long bytes) {
        return new FolderReport(plan.pair().source(), plan.pair().destination(), plan.sourceCount(), destinationCount,
                copied, plan.present(), failed, notSettable, removed, plan.ambiguous(), bytes);
    }
}
