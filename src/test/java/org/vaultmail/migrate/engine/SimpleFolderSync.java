package org.vaultmail.migrate.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.engine.SyncState.PendingAppend;
import org.vaultmail.migrate.engine.SyncState.PendingMessage;

/**
 * A straightforward {@link FolderSync} for the runner's tests (the real one is ImapFolderSync): plans from one
 * metadata FETCH and the state's copied map, copies one APPEND per message recorded with beginAppend/appended, and
 * resolves a pending append after a drop by the message's Message-ID on the destination. Not byte-exact.
 */
class SimpleFolderSync implements FolderSync {

    private final int batch;
    final AtomicInteger appends = new AtomicInteger();
    final AtomicInteger copying = new AtomicInteger();
    final AtomicInteger maxCopying = new AtomicInteger();

    SimpleFolderSync(int batch) {
        this.batch = batch;
    }

    @Override
    public FolderPlan plan(org.vaultmail.migrate.mapping.FolderPair pair, IMAPStore source, IMAPStore destination,
                           MigrationOptions options, SyncState state) throws MessagingException, ServerThrottled {
        IMAPFolder src = (IMAPFolder) source.getFolder(pair.source());
        IMAPFolder dst = (IMAPFolder) destination.getFolder(pair.destination());
        if (!dst.exists()) throw new FolderNotFoundException(dst, "no destination folder " + pair.destination());
        src.open(Folder.READ_ONLY);
        try {
            SyncState.FolderState fs = state.open(pair.source(), pair.destination(), src.getUIDValidity(), dst.getUIDValidity());
            resolvePending(fs, dst, state);
            Map<Long, Long> copied = state.copied(fs.id());
            Message[] all = src.getMessages();
            FetchProfile fp = new FetchProfile();
            fp.add(UIDFolder.FetchProfileItem.UID);
            fp.add(FetchProfile.Item.FLAGS);
            fp.add(FetchProfile.Item.SIZE);
            fp.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
            src.fetch(all, fp);
            List<SourceMessage> toCopy = new ArrayList<>();
            for (Message m : all) {
                long uid = src.getUID(m);
                if (copied.containsKey(uid)) continue;
                toCopy.add(new SourceMessage(uid, m.getSize(), m.getReceivedDate() == null ? Instant.EPOCH
                        : m.getReceivedDate().toInstant(), flags(m.getFlags())));
            }
            return new FolderPlan(pair, fs, toCopy, all.length, all.length - toCopy.size(), 0, List.of(), false,
                    Set.of("\\*"), 0, src.getUIDNext());
        } finally {
            src.close(false);
        }
    }

    private static void resolvePending(SyncState.FolderState fs, IMAPFolder dst, SyncState state) throws MessagingException {
        List<PendingAppend> pending = state.pending(fs.id());
        if (pending.isEmpty()) return;
        dst.open(Folder.READ_ONLY);
        try {
            for (PendingAppend p : pending) {
                Map<Long, Long> found = new HashMap<>();
                // an APPEND whose answer the cut lost may still be committing on the server when this new connection
                // looks (CI saw one duplicate): look a few times before calling it abandoned and copying it again
                for (int look = 0; look < 4 && found.isEmpty(); look++) {
                    if (look > 0) pause(250);
                    for (PendingMessage m : p.messages()) {
                        Message[] hits = dst.search(new HeaderTerm("Message-ID", m.fingerprint()));
                        if (hits.length > 0) found.put(m.uid(), dst.getUID(hits[0]));
                    }
                }
                if (found.isEmpty()) state.abandoned(fs.id(), p.batchId());
                else state.appended(fs.id(), p.batchId(), found);
            }
        } finally {
            dst.close(false);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the test double's simulated copying time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ChunkResult copy(FolderPlan plan, List<SourceMessage> chunk, IMAPStore source, IMAPStore destination,
                            SyncState state, RunControl control)
            throws MessagingException, ServerThrottled, JobInterrupted, InterruptedException {
        int now = copying.incrementAndGet();
        maxCopying.accumulateAndGet(now, Math::max);
        IMAPFolder src = (IMAPFolder) source.getFolder(plan.pair().source());
        IMAPFolder dst = (IMAPFolder) destination.getFolder(plan.pair().destination());
        src.open(Folder.READ_ONLY);
        try {
            int copied = 0;
            long bytes = 0;
            for (int from = 0; from < chunk.size(); from += batch) {
                List<SourceMessage> part = chunk.subList(from, Math.min(chunk.size(), from + batch));
                control.checkpoint();
                control.pace(part.size(), part.stream().mapToLong(SourceMessage::size).sum());
                for (SourceMessage m : part) {
                    Message message = src.getMessageByUID(m.uid());
                    if (message == null) continue; // gone from the source meanwhile
                    MimeMessage copy = new MimeMessage((MimeMessage) message);
                    copy.setFlags(message.getFlags(), true);
                    String id = message.getHeader("Message-ID")[0];
                    long batchId = state.beginAppend(plan.state().id(), 0, List.of(new PendingMessage(m.uid(), m.size(), id)));
                    AppendUID[] uids = dst.appendUIDMessages(new Message[] {copy});
                    appends.incrementAndGet();
                    state.appended(plan.state().id(), batchId, Map.of(m.uid(), uids[0] == null ? 0L : uids[0].uid));
                    copied++;
                    bytes += m.size();
                }
            }
            return new ChunkResult(copied, bytes, 0, List.of());
        } finally {
            copying.decrementAndGet();
            if (src.isOpen()) {
                try {
                    src.close(false);
                } catch (MessagingException e) {
                    // the connection is gone; the engine reconnects
                }
            }
        }
    }

    @Override
    public FolderReport finish(FolderPlan plan, List<ChunkResult> chunks, IMAPStore source, IMAPStore destination,
                               MigrationOptions options, SyncState state) throws MessagingException, ServerThrottled {
        int count = destination.getFolder(plan.pair().destination()).getMessageCount();
        long copied = chunks.stream().mapToLong(ChunkResult::copied).sum();
        long bytes = chunks.stream().mapToLong(ChunkResult::bytes).sum();
        long failed = chunks.stream().mapToLong(c -> c.failures().size()).sum();
        state.passCompleted(plan.state().id(), 0, plan.sourceUidNext(), plan.sourceCount());
        return new FolderReport(plan.pair().source(), plan.pair().destination(), plan.sourceCount(), count, copied,
                plan.present(), failed, 0, 0, 0, bytes);
    }

    private static Set<String> flags(Flags flags) {
        Set<String> all = new HashSet<>(List.of(flags.getUserFlags()));
        for (Flags.Flag f : flags.getSystemFlags()) {
            if (f == Flags.Flag.SEEN) all.add("\\Seen");
            else if (f == Flags.Flag.ANSWERED) all.add("\\Answered");
            else if (f == Flags.Flag.FLAGGED) all.add("\\Flagged");
            else if (f == Flags.Flag.DELETED) all.add("\\Deleted");
            else if (f == Flags.Flag.DRAFT) all.add("\\Draft");
        }
        return all;
    }
}
