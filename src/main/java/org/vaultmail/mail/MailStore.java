package org.vaultmail.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One user's authenticated connection to their mailbox (the IMAP port). Reusable across calls, not
 * for concurrent use: a per-session pool hands it to one request at a time. A stream returned by
 * {@link #part} or {@link #source} reads from the folder last used, so read it before the next call.
 */
public interface MailStore extends AutoCloseable {

    /** Every folder, with its role, counts and flags. */
    List<FolderInfo> folders();

    /** {@code limit} summaries from {@code offset} in the given order. */
    default MessagePage list(FolderPath folder, int offset, int limit, Sort sort, boolean descending) {
        return list(folder, offset, limit, sort, descending, SearchQuery.all());
    }

    /**
     * {@code limit} summaries from {@code offset} of the messages matching {@code filter}, in the given
     * order; {@code total} counts the matches (the whole folder for {@link SearchQuery#all()}).
     */
    MessagePage list(FolderPath folder, int offset, int limit, Sort sort, boolean descending, SearchQuery filter);

    /**
     * The list rows of these messages, in the order of {@code uids}; a UID with no message (expunged, or never there)
     * is left out. The mail UI renders the rows an action changed from it.
     */
    List<MessageSummary> summaries(FolderPath folder, List<Long> uids);

    /**
     * The {@code limit} newest messages (by Date) matching {@code query} in every selectable folder,
     * newest first, and how many match in all.
     */
    SearchResults searchAll(SearchQuery query, int limit);

    /** A folder's counters via IMAP STATUS, without selecting it. */
    FolderStatus status(FolderPath folder);

    /**
     * The folder's conversations by THREAD=REFERENCES (one {@code UID THREAD} command), oldest thread
     * first; {@code REFUSED} where the server does not offer it.
     */
    List<MessageThread> threads(FolderPath folder);


    /** Headers and body structure of one message; no part content is downloaded. */
    MessageDetail message(FolderPath folder, long uid);

    /** One part's bytes, transfer-decoded (base64/quoted-printable), streamed from the server. */
    InputStream part(FolderPath folder, long uid, String partId);

    /**
     * The content of these body parts (text and HTML, not attachments), transfer-decoded and cut at
     * {@code limit} bytes each, by part id; fetched together where the server allows. NOT_FOUND for a part
     * id the message does not have.
     */
    default Map<String, PartContent> bodies(FolderPath folder, long uid, List<String> partIds, int limit) {
        Map<String, PartContent> out = new java.util.LinkedHashMap<>();
        for (String partId : partIds) {
            try (InputStream in = part(folder, uid, partId)) {
                byte[] bytes = in.readNBytes(limit);
                out.put(partId, new PartContent(bytes, bytes.length == limit && in.read() >= 0));
            } catch (java.io.IOException e) {
                throw new MailStoreException(MailStoreException.Reason.UNAVAILABLE, "Cannot read part " + partId, e);
            }
        }
        return out;
    }

    /** The raw message (RFC 5322), streamed from the server. */
    InputStream source(FolderPath folder, long uid);

    /**
     * The message's header section as it is on the server (up to and including the blank line, at most {@code limit}
     * bytes), without its body: for the few fields {@link MessageDetail} does not carry (Reply-To, References).
     */
    default byte[] header(FolderPath folder, long uid, int limit) {
        try (InputStream in = source(folder, uid)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int previous = -1;
            int b;
            while (out.size() < limit && (b = in.read()) >= 0) {
                out.write(b);
                if (b == '\n' && previous == '\n') break;
                if (b != '\r') previous = b;
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new MailStoreException(MailStoreException.Reason.UNAVAILABLE, "Cannot read the header of message " + uid, e);
        }
    }

    /** UIDs of the messages that match, ascending. */
    List<Long> search(FolderPath folder, SearchQuery query);

    /** Sets ({@code value}) or clears the flags on the messages with these UIDs; unknown UIDs are ignored. */
    void setFlags(FolderPath folder, List<Long> uids, Set<MessageFlag> flags, boolean value);

    // ---- organising (ADR 0018): every UID list may be long; the adapter sends it as UID ranges, in chunks ----

    /**
     * Moves the messages with these UIDs (unknown ones ignored) to {@code to}: UID MOVE where offered, else
     * UID COPY, \Deleted and UID EXPUNGE (UIDPLUS), else COPY and an EXPUNGE that removes only these messages.
     * {@code NOT_FOUND} for either folder missing; moving to the same folder is refused.
     */
    MoveResult move(FolderPath from, List<Long> uids, FolderPath to);

    /** Copies the messages with these UIDs to {@code to}; the new UIDs as for {@link #move}. */
    MoveResult copy(FolderPath from, List<Long> uids, FolderPath to);

    /** Removes the messages with these UIDs for good (\Deleted, then an expunge of only these); how many. */
    int expunge(FolderPath folder, List<Long> uids);

    /**
     * Deletes: moves to {@code trash}, or removes for good when there is no Trash or the messages are in it.
     */
    default MoveResult delete(FolderPath folder, List<Long> uids, @Nullable FolderPath trash) {
        if (trash == null || trash.equals(folder)) return MoveResult.removed(expunge(folder, uids));
        return move(folder, uids, trash);
    }

    /** Removes every message of the folder for good; how many. */
    int empty(FolderPath folder);

    /** Creates a folder (that can hold messages and folders) and subscribes to it; {@code EXISTS} if it does. */
    void createFolder(FolderPath path);

    /**
     * Renames a folder (with its subfolders); {@code PROTECTED} for INBOX and special-use folders,
     * {@code EXISTS} when the new name is taken, {@code NOT_FOUND} when there is no such folder.
     */
    void renameFolder(FolderPath from, FolderPath to);

    /** Deletes a folder with its messages and subfolders; {@code PROTECTED} when it or a subfolder is special. */
    void deleteFolder(FolderPath path);

    /** Subscribes to or unsubscribes from a folder. */
    void subscribe(FolderPath path, boolean subscribed);

    // --- writing (compose: drafts and Sent) ---

    /**
     * Appends a message (RFC 5322 bytes) with these flags and returns its UID: from APPENDUID (UIDPLUS), else
     * found by its Message-ID; {@code -1} when neither tells.
     */
    long append(FolderPath folder, byte[] message, Set<MessageFlag> flags);

    /** {@link #append(FolderPath, byte[], Set)} of a message kept in a file; the adapter streams it from there. */
    default long append(FolderPath folder, Path message, Set<MessageFlag> flags) {
        try {
            return append(folder, Files.readAllBytes(message), flags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a keyword such as {@code $Forwarded} on one message; a server that refuses keywords is ignored. */
    void addKeyword(FolderPath folder, long uid, String keyword);

    /** False once the connection is known to be closed or dropped (may ask the server with a NOOP). */
    default boolean isConnected() {
        return true;
    }

    /** Logs out; never throws. */
    @Override
    void close();
}
