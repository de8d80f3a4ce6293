package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Copies one chunk: batches fetched on the source connection (the next batch's FETCH runs on a virtual thread while
 * the current batch's APPEND goes to the destination), each APPEND recorded as pending before it is sent and as
 * appended at its tagged OK. A refused MULTIAPPEND is retried message by message to find the one the server refuses.
 */
final class ChunkCopier {

    private final FolderSyncSettings settings;
    private final BodyFetcher bodies;
    private final MailboxReads reads;
    private final Appender appender;
    private final FolderPlan plan;
    private final SyncState state;
    private final IMAPFolder source;
    private final IMAPFolder destination;
    private final boolean multiappend;
    private final List<ChunkResult.Failure> failures = new ArrayList<>();
    private long knownUidNext;
    private int copied;
    private long bytes;
    private long flagsNotSettable;
    private final java.util.Set<String> refusedFlags = new java.util.TreeSet<>();
    private java.util.Optional<String> lastCode = java.util.Optional.empty();

    ChunkCopier(FolderSyncSettings settings, BodyFetcher bodies, MailboxReads reads, Appender appender, FolderPlan plan,
                SyncState state, IMAPFolder source, IMAPFolder destination, boolean multiappend) {
        this.settings = settings;
        this.bodies = bodies;
        this.reads = reads;
        this.appender = appender;
        this.plan = plan;
        this.state = state;
        this.source = source;
        this.destination = destination;
        this.multiappend = multiappend;
    }

    ChunkResult copy(List<SourceMessage> chunk, RunControl control)
            throws MessagingException, ServerThrottled, JobInterrupted, InterruptedException {
        List<List<SourceMessage>> batches = batches(chunk);
        if (batches.isEmpty()) return result();
        try (ExecutorService fetcher = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<FetchedMessage>> next = fetcher.submit(() -> fetch(batches.getFirst()));
            for (int i = 0; i < batches.size(); i++) {
                List<FetchedMessage> current = await(next);
                next = null;
                try {
                    control.checkpoint();
                    if (i + 1 < batches.size()) {
                        List<SourceMessage> following = batches.get(i + 1);
                        next = fetcher.submit(() -> fetch(following)); // overlaps this batch's APPEND
                    }
                    control.pace(current.size(), current.stream().mapToLong(FetchedMessage::size).sum());
                    if (!current.isEmpty()) append(current);
                } catch (MessagingException | ServerThrottled | JobInterrupted | InterruptedException | RuntimeException e) {
                    discard(next);
                    throw e;
                } finally {
                    current.forEach(FetchedMessage::close);
                }
            }
        }
        return result();
    }

    private ChunkResult result() {
        return new ChunkResult(copied, bytes, flagsNotSettable, failures, refusedFlags);
    }

    private List<FetchedMessage> fetch(List<SourceMessage> batch) throws MessagingException, ServerThrottled {
        if (batch.size() == 1 && bodies.big(batch.getFirst())) {
            return bodies.fetchBig(source, reads, batch.getFirst()).map(List::of).orElse(List.of());
        }
        return bodies.fetchSmall(source, batch);
    }

    private static List<FetchedMessage> await(Future<List<FetchedMessage>> future)
            throws MessagingException, ServerThrottled, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case MessagingException m -> throw m;
                case ServerThrottled t -> throw t;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new MessagingException("fetching a batch failed", (Exception) e.getCause());
            }
        }
    }

    /** Lets a prefetch in flight finish (interrupting it would break the connection) and drops its spool files. */
    private static void discard(Future<List<FetchedMessage>> future) {
        if (future == null) return;
        try {
            future.get().forEach(FetchedMessage::close);
        } catch (ExecutionException | RuntimeException e) {
            // the batch is dropped anyway; the first error is the one reported
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<List<SourceMessage>> batches(List<SourceMessage> chunk) {
        List<List<SourceMessage>> out = new ArrayList<>();
        List<SourceMessage> current = new ArrayList<>();
        long size = 0;
        for (SourceMessage m : chunk) {
            if (bodies.big(m)) {
                out.add(List.of(m));
                continue;
            }
            if (!current.isEmpty() && (current.size() >= settings.batchMessages() || size + m.size() > settings.batchBytes())) {
                out.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(m);
            size += m.size();
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    private void append(List<FetchedMessage> messages) throws MessagingException, ServerThrottled {
        if (messages.size() > 1 && !multiappend) {
            for (FetchedMessage m : messages) append(List.of(m));
            return;
        }
        if (messages.size() > 1) {
            if (!tryAppend(messages)) {
                for (FetchedMessage m : messages) appendOne(m);
            }
        } else {
            appendOne(messages.getFirst());
        }
    }

    private void appendOne(FetchedMessage message) throws MessagingException, ServerThrottled {
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (tryAppend(List.of(message))) return;
        }
        failures.add(new ChunkResult.Failure(message.uid(), "the destination refused the message"
                + lastCode.map(c -> " [" + c + "]").orElse("")));
    }

    /** One APPEND command; true at its tagged OK, false at a tagged NO/BAD (nothing of it was stored). */
    private boolean tryAppend(List<FetchedMessage> messages) throws MessagingException, ServerThrottled {
        long uidNext = knownUidNext > 0 ? knownUidNext : reads.status(destination, false, false).uidNext();
        List<SyncState.PendingMessage> pending = messages.stream()
                .map(m -> new SyncState.PendingMessage(m.uid(), m.size(), m.fingerprint())).toList();
        long id = plan.state().id();
        long batch = state.beginAppend(id, uidNext, pending);
        Appender.Outcome outcome = appender.append(destination, messages, plan.permanentFlags());
        Response last = outcome.responses()[outcome.responses().length - 1];
        if (outcome.ok()) {
            Map<Long, Long> map = new LinkedHashMap<>();
            for (int i = 0; i < messages.size(); i++) {
                FetchedMessage m = messages.get(i);
                map.put(m.uid(), outcome.destinationUids().isEmpty() ? 0L : outcome.destinationUids().get(i));
                bytes += m.size();
                java.util.Set<String> refused = FlagNames.refused(m.flags(), plan.permanentFlags());
                if (!refused.isEmpty()) {
                    flagsNotSettable++;
                    refusedFlags.addAll(refused);
                }
            }
            state.appended(id, batch, map);
            copied += messages.size();
            knownUidNext = outcome.destinationUids().isEmpty() ? 0 : outcome.destinationUids().getLast() + 1;
            return true;
        }
        if (!last.isTagged()) { // a BYE before the tagged reply: whether it was stored is unknown, the batch stays pending
            ImapCommands.throwIfThrottled(outcome.responses(), false);
            throw new MessagingException("the destination closed the connection during APPEND");
        }
        state.abandoned(id, batch);
        ImapCommands.throwIfThrottled(outcome.responses(), false);
        lastCode = outcome.code();
        knownUidNext = 0;
        return false;
    }
}
