package org.vaultmail.reading;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.EmailAddress;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.MoveResult;
import org.vaultmail.mail.SearchQuery;

/**
 * What organising and writing mail change in the signed-in user's mailbox, one method per intent, each on one of the
 * session's pooled IMAP connections. There is no way here to run arbitrary store code: a new need is a new method.
 */
@Service
public class MailboxChanges {

    private final SessionStores stores;

    MailboxChanges(SessionStores stores) {
        this.stores = stores;
    }

    /** The UIDs in {@code folder} that match {@code query}. */
    public List<Long> search(AuthenticatedSession me, FolderPath folder, SearchQuery query) {
        return stores.run(me, s -> s.search(folder, query));
    }

    /** The first address of a message's From, if it has one. */
    public Optional<EmailAddress> senderOf(AuthenticatedSession me, FolderPath folder, long uid) {
        return stores.run(me, s -> s.message(folder, uid).from().stream().findFirst());
    }

    /** The folder's UIDVALIDITY: UIDs remembered from before mean the same messages only while it is unchanged. */
    public long uidValidity(AuthenticatedSession me, FolderPath folder) {
        return stores.run(me, s -> s.status(folder).uidValidity());
    }

    public MoveResult copy(AuthenticatedSession me, FolderPath from, List<Long> uids, FolderPath to) {
        return stores.run(me, s -> s.copy(from, uids, to));
    }

    public MoveResult move(AuthenticatedSession me, FolderPath from, List<Long> uids, FolderPath to) {
        return stores.run(me, s -> s.move(from, uids, to));
    }

    /** Into {@code trash}, or removed for good when there is none or the messages are in it already. */
    public MoveResult delete(AuthenticatedSession me, FolderPath folder, List<Long> uids, @Nullable FolderPath trash) {
        return stores.run(me, s -> s.delete(folder, uids, trash));
    }

    /** Removes one message for good; {@code NOT_FOUND} when there is no message with that UID. */
    public void deleteForGood(AuthenticatedSession me, FolderPath folder, long uid) {
        stores.run(me, s -> {
            s.message(folder, uid); // NOT_FOUND for an unknown UID
            s.expunge(folder, List.of(uid));
            return null;
        });
    }

    /** Files a message kept in a file into {@code folder}; its UID, or -1 when the server does not say. */
    public long append(AuthenticatedSession me, FolderPath folder, Path message, Set<MessageFlag> flags) {
        return stores.run(me, s -> s.append(folder, message, flags));
    }

    /** As {@link #append}, then removes the message it replaces (a draft saved again), on the same connection. */
    public long appendReplacing(AuthenticatedSession me, FolderPath folder, Path message, Set<MessageFlag> flags,
                                @Nullable Long replaces) {
        return stores.run(me, s -> {
            long appended = s.append(folder, message, flags);
            if (replaces != null) s.expunge(folder, List.of(replaces));
            return appended;
        });
    }

    /** Adds a keyword (e.g. {@code $Forwarded}) to one message. */
    public void addKeyword(AuthenticatedSession me, FolderPath folder, long uid, String keyword) {
        stores.accept(me, s -> s.addKeyword(folder, uid, keyword));
    }

    public void createFolder(AuthenticatedSession me, FolderPath folder) {
        stores.accept(me, s -> s.createFolder(folder));
    }

    public void renameFolder(AuthenticatedSession me, FolderPath from, FolderPath to) {
        stores.accept(me, s -> s.renameFolder(from, to));
    }

    public void deleteFolder(AuthenticatedSession me, FolderPath folder) {
        stores.accept(me, s -> s.deleteFolder(folder));
    }

    public void subscribe(AuthenticatedSession me, FolderPath folder, boolean subscribed) {
        stores.accept(me, s -> s.subscribe(folder, subscribed));
    }

    /** Removes every message of {@code folder} for good; how many. */
    public int empty(AuthenticatedSession me, FolderPath folder) {
        return stores.run(me, s -> s.empty(folder));
    }
}
