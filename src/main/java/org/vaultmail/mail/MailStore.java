package org.vaultmail.mail;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

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

    /** The raw message (RFC 5322), streamed from the server. */
    InputStream source(FolderPath folder, long uid);

    /** UIDs of the messages that match, ascending. */
    List<Long> search(FolderPath folder, SearchQuery query);

    /** Sets ({@code value}) or clears the flags on the messages with these UIDs; unknown UIDs are ignored. */
    void setFlags(FolderPath folder, List<Long> uids, Set<MessageFlag> flags, boolean value);

    // --- writing (compose: drafts and Sent) ---

    /**
     * Appends a message (RFC 5322 bytes) with these flags and returns its UID: from APPENDUID (UIDPLUS), else
     * found by its Message-ID; {@code -1} when neither tells.
     */
    long append(FolderPath folder, byte[] message, Set<MessageFlag> flags);

    /** Removes the messages with these UIDs for good (\Deleted, then UID EXPUNGE where UIDPLUS is offered). */
    void expunge(FolderPath folder, List<Long> uids);

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
