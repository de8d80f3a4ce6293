package org.vaultmail.migrate.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * {@link FolderSync#plan}: STATUS both sides, the no-change shortcut, pending appends left by a crash resolved by
 * fingerprint, then what is missing: source UIDs not in the copied map; of those, the ones the last completed pass
 * already saw (or all, with no state) are first looked for on the destination by fingerprint.
 *
 * <p>Why this is long: planning one folder is one algorithm (STATUS and the no-change shortcut, pending appends left by
 * a crash, missing UIDs, fingerprint matching, scope by date and size) over the same state; the private methods are
 * its steps. Fingerprint matching itself is already {@link FingerprintMatcher}.
 */
final class Planner {

    /**
     * What finish() needs from plan() and FolderPlan does not hold. {@code destinationMessages}: the destination's
     * STATUS count when the plan is the no-change shortcut (finish changes nothing then, so it reports this count instead
     * of asking again), else -1.
     */
    record Extras(boolean dryRun, long sourceMessages, Set<Long> sourceUids, Set<Long> extraOnDestination,
                  long destinationMessages) {

        static final long ASK_AGAIN = -1;
    }

    record Planned(FolderPlan plan, Extras extras) {
    }

    private static final Set<String> STANDARD_FLAGS =
            Set.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", FlagNames.ANY_KEYWORD);

    /** How often, and how far apart, a pending message not yet on the destination is looked for again (about 1 s). */
    private static final int SETTLE_LOOKS = 4;
    private static final java.time.Duration SETTLE_PAUSE = java.time.Duration.ofMillis(250);

    private final MailboxReads reads;
    private final BodyFetcher bodies;
    private final FingerprintMatcher matcher;

    Planner(MailboxReads reads, BodyFetcher bodies, FingerprintMatcher matcher) {
        this.reads = reads;
        this.bodies = bodies;
        this.matcher = matcher;
    }

    Planned plan(FolderPair pair, IMAPStore source, IMAPStore destination, MigrationOptions options, SyncState state)
            throws MessagingException, ServerThrottled {
        if (!pair.selectable()) { // a \Noselect parent: created for the hierarchy, nothing to copy
            SyncState.FolderState none = new SyncState.FolderState(0, pair.source(), pair.destination(), 0, 0, 0, 0, 0);
            return new Planned(new FolderPlan(pair, none, List.of(), 0, 0, 0, List.of(), true, Set.of(), 0, 0),
                    new Extras(options.dryRun(), 0, Set.of(), Set.of(), Extras.ASK_AGAIN));
        }
        Looked looked = look(pair, source, destination, options, state);
        if (looked.unchanged() != null) return looked.unchanged();
        IMAPFolder src = looked.src();
        IMAPFolder dst = looked.dst();
        SyncState.FolderState fs = looked.fs();
        List<SyncState.PendingAppend> pending = looked.pending();
        MailboxReads.MailboxStatus ss = looked.ss();
        MailboxReads.MailboxStatus ds = looked.ds();
        src.open(Folder.READ_ONLY); // EXAMINE: the source is never written
        try {
            dst.open(options.dryRun() ? Folder.READ_ONLY : Folder.READ_WRITE); // SELECT tells the PERMANENTFLAGS
            try {
                return examine(pair, src, dst, options, state, fs, pending, ss, ds);
            } finally {
                closeQuietly(dst);
            }
        } finally {
            closeQuietly(src);
        }
    }

    /**
     * The no-change shortcut alone: STATUS on both sides (no SELECT, no body, no header), compared with the state of
     * the last completed pass. Present when nothing changed since (same UIDNEXT, count and HIGHESTMODSEQ on a CONDSTORE
     * source, no pending append), so a rerun can settle such folders on one connection (ADR 0041 amendment, session 10).
     */
    Optional<Planned> planIfUnchanged(FolderPair pair, IMAPStore source, IMAPStore destination, MigrationOptions options,
                                      SyncState state) throws MessagingException, ServerThrottled {
        if (!pair.selectable()) return Optional.empty();
        return Optional.ofNullable(look(pair, source, destination, options, state).unchanged());
    }

    /** What STATUS and the state tell before any folder is opened; {@code unchanged} set when the shortcut applies. */
    private record Looked(IMAPFolder src, IMAPFolder dst, MailboxReads.MailboxStatus ss, MailboxReads.MailboxStatus ds,
                          SyncState.FolderState fs, List<SyncState.PendingAppend> pending,
                          @org.jspecify.annotations.Nullable Planned unchanged) {
    }

    private Looked look(FolderPair pair, IMAPStore source, IMAPStore destination, MigrationOptions options,
                        SyncState state) throws MessagingException, ServerThrottled {
        IMAPFolder src = (IMAPFolder) source.getFolder(pair.source());
        IMAPFolder dst = (IMAPFolder) destination.getFolder(pair.destination());
        boolean condstore = source.hasCapability("CONDSTORE");
        MailboxReads.MailboxStatus ss = reads.status(src, true, condstore);
        MailboxReads.MailboxStatus ds = reads.status(dst, false, false);
        boolean dry = options.dryRun();
        SyncState.FolderState fs = folderState(pair, state, ss, ds, dry);
        List<SyncState.PendingAppend> pending = fs.id() == 0 ? List.of() : state.pending(fs.id());
        @org.jspecify.annotations.Nullable Planned unchanged = null;
        if (fs.uidNext() > 0 && pending.isEmpty() && condstore && ss.highestModSeq() > 0
                && ss.uidNext() == fs.uidNext() && ss.messages() == fs.messageCount()
                && ss.highestModSeq() == fs.highestModSeq()) {
            FolderPlan plan = new FolderPlan(pair, fs, List.of(), ss.messages(), ss.messages(), 0, List.of(), true,
                    Set.of(), ss.highestModSeq(), ss.uidNext());
            unchanged = new Planned(plan, new Extras(dry, ss.messages(), Set.of(), Set.of(), ds.messages()));
        }
        return new Looked(src, dst, ss, ds, fs, pending, unchanged);
    }

    private Planned examine(FolderPair pair, IMAPFolder src, IMAPFolder dst, MigrationOptions options, SyncState state,
                            SyncState.FolderState fs, List<SyncState.PendingAppend> pending,
                            MailboxReads.MailboxStatus ss, MailboxReads.MailboxStatus ds)
            throws MessagingException, ServerThrottled {
        boolean dry = options.dryRun();
        Set<String> permanent = FlagNames.permanent(dst.getPermanentFlags());
        if (dry && permanent.isEmpty()) permanent = STANDARD_FLAGS; // EXAMINE shows none
        Map<Long, Long> copied = fs.id() == 0 ? new HashMap<>() : new HashMap<>(state.copied(fs.id()));
        boolean noState = copied.isEmpty() && pending.isEmpty();
        if (!pending.isEmpty()) copied.putAll(resolvePending(dst, fs, pending, copied, state, dry));

        Set<Long> sourceUids = reads.uids(src, true);
        List<Long> candidates = sourceUids.stream().filter(u -> !copied.containsKey(u)).toList();
        long present = sourceUids.size() - candidates.size();
        List<SourceMessage> meta = candidates.isEmpty() ? List.of() : reads.metadata(src, candidates, true);
        @org.jspecify.annotations.Nullable Instant since = options.since() == null ? null : options.since().atStartOfDay(ZoneOffset.UTC).toInstant();
        @org.jspecify.annotations.Nullable Instant before = options.before() == null ? null : options.before().atStartOfDay(ZoneOffset.UTC).toInstant();
        List<SourceMessage> inScope = new ArrayList<>();
        List<SourceMessage> skipped = new ArrayList<>();
        long outOfRange = 0;
        for (SourceMessage m : meta) {
            if ((since != null && m.internalDate().isBefore(since)) || (before != null && !m.internalDate().isBefore(before))) {
                outOfRange++;
            } else if (options.maxMessageBytes() > 0 && m.size() > options.maxMessageBytes()) {
                skipped.add(m);
            } else {
                inScope.add(m);
            }
        }
        // Messages the last completed pass saw but did not copy (or all, with no completed pass) may be on the
        // destination already (copied by another tool, or before the state was lost): look for them by fingerprint.
        List<SourceMessage> unknown = inScope.stream().filter(m -> fs.uidNext() == 0 || m.uid() < fs.uidNext()).toList();
        Set<Long> matched = new HashSet<>();
        Set<Long> ambiguousUids = new HashSet<>();
        long ambiguousGroups = 0;
        Set<Long> extra = Set.of();
        if (!unknown.isEmpty() || (noState && options.mode() == org.vaultmail.migrate.MigrationMode.MIRROR)) {
            Set<Long> dstUids = new TreeSet<>(reads.uids(dst, false));
            dstUids.removeAll(copied.values());
            if (!dstUids.isEmpty()) {
                Set<Long> unknownUids = new TreeSet<>();
                unknown.forEach(m -> unknownUids.add(m.uid()));
                // with no state every source message counts for "not on the source at all" (mirror), filters or not
                Map<Long, String> all = reads.fingerprints(src, noState ? candidates : unknownUids, true);
                Map<Long, String> srcFp = new HashMap<>(all);
                srcFp.keySet().retainAll(unknownUids);
                Map<Long, String> dstFp = reads.fingerprints(dst, dstUids, false);
                Map<Long, Long> sizes = new HashMap<>();
                meta.forEach(m -> sizes.put(m.uid(), m.size()));
                FingerprintMatcher.Result r = matcher.match(srcFp, dstFp, sizes, hashes(src, dst));
                matched.addAll(r.matches().keySet());
                ambiguousUids.addAll(r.ambiguous());
                ambiguousGroups = r.groups();
                if (noState) {
                    Set<String> onSource = new HashSet<>(all.values());
                    Set<Long> notOnSource = new TreeSet<>();
                    dstFp.forEach((uid, fp) -> {
                        if (!onSource.contains(fp)) notOnSource.add(uid);
                    });
                    extra = notOnSource;
                }
                if (!dry && !r.matches().isEmpty()) { // recorded, so the next pass need not fingerprint them again
                    long batch = state.beginAppend(fs.id(), ds.uidNext(), List.of());
                    state.appended(fs.id(), batch, r.matches());
                }
            }
        }
        List<SourceMessage> toCopy = inScope.stream()
                .filter(m -> !matched.contains(m.uid()) && !ambiguousUids.contains(m.uid()))
                .sorted(Comparator.comparingLong(SourceMessage::uid)).toList();
        FolderPlan plan = new FolderPlan(pair, fs, toCopy, sourceUids.size() - outOfRange, present + matched.size(),
                ambiguousGroups, skipped, false, permanent, ss.highestModSeq(), ss.uidNext());
        return new Planned(plan, new Extras(dry, ss.messages(), sourceUids, extra, Extras.ASK_AGAIN));
    }

    private SyncState.FolderState folderState(FolderPair pair, SyncState state, MailboxReads.MailboxStatus ss,
                                              MailboxReads.MailboxStatus ds, boolean dry) {
        if (!dry) return state.open(pair.source(), pair.destination(), ss.uidValidity(), ds.uidValidity());
        Optional<SyncState.FolderState> stored = state.folder(pair.source());
        if (stored.isPresent() && stored.get().sourceUidValidity() == ss.uidValidity()
                && stored.get().destinationUidValidity() == ds.uidValidity()
                && stored.get().destinationFolder().equals(pair.destination())) {
            return stored.get();
        }
        return new SyncState.FolderState(0, pair.source(), pair.destination(), ss.uidValidity(), ds.uidValidity(), 0, 0, 0);
    }

    /**
     * Appends sent before a crash or a dropped connection whose tagged OK was never recorded: the destination's
     * messages from each batch's UIDNEXT on are matched by fingerprint (as a multiset over all pending batches), matches
     * recorded as appended. A message not found yet is looked for again a few times: after a drop, the server process
     * of the old connection may hold the whole literal and still be committing it when the new connection looks
     * (seen on Dovecot); copying it again then would leave a duplicate.
     */
    private Map<Long, Long> resolvePending(IMAPFolder dst, SyncState.FolderState fs, List<SyncState.PendingAppend> pending,
                                           Map<Long, Long> copied, SyncState state, boolean dry)
            throws MessagingException, ServerThrottled {
        int expected = pending.stream().mapToInt(p -> p.messages().size()).sum();
        Map<Long, Map<Long, Long>> byBatch = matchPending(dst, pending, copied);
        for (int look = 1; !dry && look <= SETTLE_LOOKS && found(byBatch) < expected; look++) {
            if (!pause()) break;
            byBatch = matchPending(dst, pending, copied);
        }
        Map<Long, Long> resolved = new HashMap<>();
        for (SyncState.PendingAppend batch : pending) {
            Map<Long, Long> map = byBatch.getOrDefault(batch.batchId(), Map.of());
            if (!dry) state.appended(fs.id(), batch.batchId(), map);
            resolved.putAll(map);
        }
        return resolved;
    }

    private Map<Long, Map<Long, Long>> matchPending(IMAPFolder dst, List<SyncState.PendingAppend> pending,
                                                    Map<Long, Long> copied) throws MessagingException, ServerThrottled {
        long from = pending.stream().mapToLong(SyncState.PendingAppend::destinationUidNext).min().orElse(1);
        Set<Long> candidates = new TreeSet<>();
        for (Long uid : reads.uids(dst, false)) if (uid >= from) candidates.add(uid);
        candidates.removeAll(copied.values());
        Map<Long, String> fps = candidates.isEmpty() ? Map.of() : reads.fingerprints(dst, candidates, false);
        Map<String, Deque<Long>> free = new HashMap<>();
        new TreeMap<>(fps).forEach((uid, fp) -> free.computeIfAbsent(fp, k -> new ArrayDeque<>()).add(uid));
        Map<Long, Map<Long, Long>> byBatch = new HashMap<>();
        List<SyncState.PendingAppend> ordered = new ArrayList<>(pending);
        ordered.sort(Comparator.comparingLong(SyncState.PendingAppend::batchId));
        for (SyncState.PendingAppend batch : ordered) {
            Map<Long, Long> map = new TreeMap<>();
            for (SyncState.PendingMessage m : batch.messages()) {
                Deque<Long> uids = free.getOrDefault(m.fingerprint(), new ArrayDeque<>());
                Long hit = uids.stream().filter(u -> u >= batch.destinationUidNext()).findFirst().orElse(null);
                if (hit != null) {
                    uids.remove(hit);
                    map.put(m.uid(), hit);
                }
            }
            byBatch.put(batch.batchId(), map);
        }
        return byBatch;
    }

    private static int found(Map<Long, Map<Long, Long>> byBatch) {
        return byBatch.values().stream().mapToInt(Map::size).sum();
    }

    /** False when the job's thread was interrupted (cancel, shutdown): resolve with what was found. */
    private static boolean pause() {
        try {
            Thread.sleep(SETTLE_PAUSE);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private FingerprintMatcher.BodyHashes hashes(IMAPFolder src, IMAPFolder dst) {
        return new FingerprintMatcher.BodyHashes() {
            @Override
            public Map<Long, String> source(List<Long> uids) throws MessagingException, ServerThrottled {
                return hash(src, uids, true);
            }

            @Override
            public Map<Long, String> destination(List<Long> uids) throws MessagingException, ServerThrottled {
                return hash(dst, uids, false);
            }
        };
    }

    private Map<Long, String> hash(IMAPFolder folder, List<Long> uids, boolean source) throws MessagingException, ServerThrottled {
        Map<Long, String> out = new HashMap<>();
        for (Long uid : uids) {
            String h = bodies.sha256(folder, uid, source);
            if (h != null) out.put(uid, h);
        }
        return out;
    }

    static void closeQuietly(IMAPFolder folder) {
        try {
            if (folder.isOpen()) folder.close(false);
        } catch (MessagingException | RuntimeException e) {
            // a dead connection: nothing to close; the caller's own error (if any) is the one that matters
        }
    }
}
