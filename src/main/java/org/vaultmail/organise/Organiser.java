package org.vaultmail.organise;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.i18n.InputRefused;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.FolderRole;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.MoveResult;
import org.vaultmail.mail.SearchQuery;
import org.vaultmail.reading.Mailbox;
import org.vaultmail.reading.MailboxChanges;
import org.vaultmail.reading.SearchQueryParser;

/**
 * Acts on selected messages of the signed-in user: in {@link #CHUNK}s of UIDs, each on a connection taken from the
 * session's pool and given back, so the user's other requests are served between chunks. Up to {@link #CHUNK}
 * messages are done within the request; more become a background {@link Job} with progress.
 */
@Service
public class Organiser {

    /** UIDs per IMAP round (and the most done within one request). */
    public static final int CHUNK = 500;

    private final Mailbox mailbox;
    private final MailboxChanges changes;
    private final Jobs jobs;
    private final UndoLog undo;

    Organiser(Mailbox mailbox, MailboxChanges changes, Jobs jobs, UndoLog undo) {
        this.mailbox = mailbox;
        this.changes = changes;
        this.jobs = jobs;
        this.undo = undo;
    }

    /** Either the outcome (small selections) or a running job (big ones). */
    public record Started(@Nullable Outcome outcome, Job.@Nullable Snapshot job) {
    }

    /** Applies {@code action} to the selection; {@code to} names the folder for move and copy. */
    public Started act(AuthenticatedSession me, Action action, Selection selection, @Nullable String to) {
        return act(me, action, selection, to, false);
    }

    /** As above; {@code permanent} deletes for good instead of to Trash. */
    public Started act(AuthenticatedSession me, Action action, Selection selection, @Nullable String to, boolean permanent) {
        FolderPath from = mailbox.folder(me, selection.folder());
        FolderPath destination = action == Action.DELETE && permanent ? from : destination(me, action, from, to);
        List<Long> uids = selection.all() ? matching(me, from, selection.query()) : selection.uids();
        if (uids.size() <= CHUNK) return new Started(run(me, action, from, destination, uids, n -> { }), null);
        Job job = jobs.start(me.sessionId(), action, uids.size(), j -> run(me, action, from, destination, uids, j::progress));
        return new Started(null, job.snapshot());
    }

    /** The session's job. */
    public Optional<Job.Snapshot> job(AuthenticatedSession me, String id) {
        return jobs.find(me.sessionId(), id).map(Job::snapshot);
    }

    /** Moves the messages of an earlier move or delete back; how many. {@code NOT_FOUND} for an unknown or used token. */
    public int undo(AuthenticatedSession me, String token) {
        UndoLog.Entry entry = undo.take(me.userId(), me.sessionId(), token)
                .orElseThrow(() -> new MailStoreException(Reason.NOT_FOUND, "There is nothing to undo for this token (it expired or was used)"));
        if (changes.uidValidity(me, entry.now()) != entry.uidValidity()) {
            throw new MailStoreException(Reason.REFUSED, "The folder " + entry.now().asString() + " was recreated; the messages cannot be found");
        }
        int count = 0;
        for (List<Long> chunk : chunks(entry.uids())) count += changes.move(me, entry.now(), chunk, entry.back()).count();
        return count;
    }

    private Outcome run(AuthenticatedSession me, Action action, FolderPath from, @Nullable FolderPath to, List<Long> uids,
                        IntConsumer progress) {
        Map<Long, Long> newUids = new LinkedHashMap<>();
        long uidValidity = 0;
        int count = 0;
        boolean removed = false;
        for (List<Long> chunk : chunks(uids)) {
            MoveResult result = switch (action) {
                case SEEN, UNSEEN, FLAG, UNFLAG -> {
                    mailbox.setFlags(me, from, chunk, flag(action), action == Action.SEEN || action == Action.FLAG);
                    yield new MoveResult(null, 0, Map.of(), chunk.size());
                }
                case COPY -> changes.copy(me, from, chunk, requireNonNull(to));
                case MOVE, ARCHIVE, JUNK -> changes.move(me, from, chunk, requireNonNull(to));
                case DELETE -> changes.delete(me, from, chunk, to);
            };
            count += result.count();
            newUids.putAll(result.newUids());
            if (result.to() == null && action == Action.DELETE) removed = true;
            if (result.uidValidity() != 0) uidValidity = result.uidValidity();
            progress.accept(chunk.size());
        }
        String token = null;
        if (action.moves() && !removed && to != null && count > 0 && newUids.size() == count) {
            token = undo.remember(me.userId(), me.sessionId(), to, uidValidity, List.copyOf(newUids.values()), from);
        }
        return new Outcome(action, count, action == Action.SEEN || action == Action.UNSEEN || action == Action.FLAG
                || action == Action.UNFLAG || removed || to == null ? null : to.asString(), token,
                uids.size() <= CHUNK ? newUids : Map.of());
    }

    /** Where the messages go: the named folder, the Archive or Junk folder, Trash (null: removed for good). */
    private @Nullable FolderPath destination(AuthenticatedSession me, Action action, FolderPath from, @Nullable String to) {
        return switch (action) {
            case SEEN, UNSEEN, FLAG, UNFLAG -> null;
            case MOVE, COPY -> {
                if (to == null || to.isBlank()) throw InputRefused.of("input.organise.toRequired");
                FolderPath path = mailbox.folder(me, to);
                if (path.equals(from)) throw InputRefused.of("input.organise.toSameFolder");
                yield path;
            }
            case ARCHIVE -> role(me, FolderRole.ARCHIVE, from).orElseThrow(() -> new MailStoreException(Reason.NOT_FOUND,
                    "There is no archive folder; create a folder named Archive (or ask your operator for one)"));
            case JUNK -> role(me, FolderRole.JUNK, from).orElseThrow(() -> new MailStoreException(Reason.NOT_FOUND,
                    "There is no junk folder; create a folder named Junk"));
            case DELETE -> {
                FolderPath trash = role(me, FolderRole.TRASH, null).orElse(null);
                yield trash == null || trash.equals(from) ? from : trash;
            }
        };
    }

    private Optional<FolderPath> role(AuthenticatedSession me, FolderRole role, @Nullable FolderPath from) {
        Optional<FolderPath> found = mailbox.folderWithRole(me, role);
        if (from != null && found.isPresent() && found.get().equals(from)) {
            throw InputRefused.of(role == FolderRole.ARCHIVE ? "input.organise.alreadyInArchive" : "input.organise.alreadyInJunk");
        }
        return found;
    }

    private List<Long> matching(AuthenticatedSession me, FolderPath folder, @Nullable String q) {
        SearchQuery query = SearchQueryParser.parse(q);
        return changes.search(me, folder, query == null ? SearchQuery.all() : query);
    }

    private static Set<MessageFlag> flag(Action action) {
        return action == Action.SEEN || action == Action.UNSEEN ? EnumSet.of(MessageFlag.SEEN) : EnumSet.of(MessageFlag.FLAGGED);
    }

    private static FolderPath requireNonNull(@Nullable FolderPath path) {
        if (path == null) throw new IllegalStateException("no destination");
        return path;
    }

    static List<List<Long>> chunks(List<Long> uids) {
        List<Long> sorted = uids.stream().distinct().sorted().toList();
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += CHUNK) chunks.add(sorted.subList(i, Math.min(sorted.size(), i + CHUNK)));
        return chunks;
    }

    @EventListener
    void on(SessionRevoked ended) {
        jobs.forget(ended.sessionId());
        undo.forget(ended.userId(), ended.sessionId());
    }
}
