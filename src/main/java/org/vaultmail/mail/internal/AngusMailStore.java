package org.vaultmail.mail.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.util.SharedFileInputStream;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.FolderInfo;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.FolderStatus;
import org.vaultmail.mail.MailStore;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.mail.MessageDetail;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.MessagePage;
import org.vaultmail.mail.MessageSummary;
import org.vaultmail.mail.MessageThread;
import org.vaultmail.mail.MoveResult;
import org.vaultmail.mail.PartContent;
import org.vaultmail.mail.SearchQuery;
import org.vaultmail.mail.SearchResults;
import org.vaultmail.mail.Sort;

/**
 * {@link MailStore} on one Angus {@link IMAPStore}: a facade that serialises the operations (one IMAP connection,
 * one command at a time) and turns Angus's exceptions into {@link MailStoreException}s. The work is done by one
 * class per group of operations, all sharing the one {@link Selection} (which folder is selected and how).
 */
final class AngusMailStore implements MailStore {

    private final Selection selection;
    private final FolderTree tree;
    private final FolderAdministration administration;
    private final Statuses statuses;
    private final MessageListing listing;
    private final MessageSearch search;
    private final MessageFetch fetch;
    private final MessageTransfers transfers;
    private final MessageWrites writes;

    AngusMailStore(IMAPStore store, boolean previews, MailStoreCaches caches) {
        Capabilities capabilities = new Capabilities(store);
        selection = new Selection(store);
        tree = new FolderTree(selection, capabilities);
        administration = new FolderAdministration(selection, tree);
        statuses = new Statuses(selection, capabilities);
        SortedOrders orders = new SortedOrders(capabilities, caches);
        Summaries summaries = new Summaries(capabilities, previews);
        listing = new MessageListing(selection, statuses, capabilities, orders, summaries, new PageCache(caches));
        search = new MessageSearch(selection, capabilities, listing, orders, summaries);
        fetch = new MessageFetch(selection, caches);
        transfers = new MessageTransfers(selection, statuses, capabilities);
        writes = new MessageWrites(selection);
    }

    @Override
    public synchronized List<FolderInfo> folders() {
        return call("Cannot list folders", () -> tree.folders());
    }

    @Override
    public synchronized MessagePage list(FolderPath path, int offset, int limit, Sort sort, boolean descending, SearchQuery filter) {
        if (offset < 0 || limit < 0) throw new IllegalArgumentException("offset and limit are not negative");
        return call("Cannot list " + path.asString(), () -> listing.list(path, offset, limit, sort, descending, filter));
    }

    @Override
    public synchronized List<MessageSummary> summaries(FolderPath path, List<Long> uids) {
        return call("Cannot read messages of " + path.asString(), () -> listing.summaries(path, uids));
    }

    @Override
    public synchronized SearchResults searchAll(SearchQuery query, int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit is not negative");
        return call("Cannot search all folders", () -> search.searchAll(query, limit));
    }

    @Override
    public synchronized FolderStatus status(FolderPath path) {
        return call("Cannot read the status of " + path.asString(), () -> statuses.status(path));
    }

    @Override
    public synchronized List<MessageThread> threads(FolderPath path) {
        try {
            return call("Cannot thread " + path.asString(), () -> search.threads(path));
        } catch (IllegalArgumentException e) { // a THREAD answer that does not parse
            throw Failures.of("Cannot thread " + path.asString(), e);
        }
    }

    @Override
    public synchronized byte[] header(FolderPath path, long uid, int limit) {
        return call("Cannot read the header of message " + uid + " in " + path.asString(), () -> fetch.header(path, uid, limit));
    }

    @Override
    public synchronized MessageDetail message(FolderPath path, long uid) {
        return call("Cannot read message " + uid + " in " + path.asString(), () -> fetch.message(path, uid));
    }

    @Override
    public synchronized InputStream part(FolderPath path, long uid, String partId) {
        return call("Cannot read part " + partId + " of message " + uid + " in " + path.asString(), () -> fetch.part(path, uid, partId));
    }

    @Override
    public synchronized Map<String, PartContent> bodies(FolderPath path, long uid, List<String> partIds, int limit) {
        if (partIds.isEmpty()) return Map.of();
        @Nullable Map<String, PartContent> bodies = call("Cannot read message " + uid + " in " + path.asString(),
                () -> fetch.bodies(path, uid, partIds, limit));
        return bodies != null ? bodies : MailStore.super.bodies(path, uid, partIds, limit);
    }

    @Override
    public synchronized InputStream source(FolderPath path, long uid) {
        return call("Cannot read message " + uid + " in " + path.asString(), () -> fetch.source(path, uid));
    }

    @Override
    public synchronized List<Long> search(FolderPath path, SearchQuery query) {
        return call("Cannot search " + path.asString(), () -> search.search(path, query));
    }

    @Override
    public synchronized void setFlags(FolderPath path, List<Long> uids, Set<MessageFlag> flags, boolean value) {
        if (uids.isEmpty() || flags.isEmpty()) return;
        run("Cannot set flags in " + path.asString(), () -> writes.setFlags(path, uids, flags, value));
    }

    @Override
    public synchronized MoveResult move(FolderPath from, List<Long> uids, FolderPath to) {
        return transfer(from, uids, to, true);
    }

    @Override
    public synchronized MoveResult copy(FolderPath from, List<Long> uids, FolderPath to) {
        return transfer(from, uids, to, false);
    }

    private MoveResult transfer(FolderPath from, List<Long> uids, FolderPath to, boolean move) {
        if (from.asString().equals(to.asString())) throw new IllegalArgumentException("Messages are moved or copied to another folder");
        String what = (move ? "Cannot move messages from " : "Cannot copy messages from ") + from.asString() + " to " + to.asString();
        return call(what, () -> transfers.transfer(from, uids, to, move));
    }

    @Override
    public synchronized int expunge(FolderPath path, List<Long> uids) {
        return call("Cannot delete messages in " + path.asString(), () -> transfers.expunge(path, uids));
    }

    @Override
    public synchronized int empty(FolderPath path) {
        return call("Cannot empty " + path.asString(), () -> transfers.empty(path));
    }

    @Override
    public synchronized void createFolder(FolderPath path) {
        run("Cannot create the folder " + path.asString(), () -> administration.create(path));
    }

    @Override
    public synchronized void renameFolder(FolderPath from, FolderPath to) {
        run("Cannot rename " + from.asString(), () -> administration.rename(from, to));
    }

    @Override
    public synchronized void deleteFolder(FolderPath path) {
        run("Cannot delete the folder " + path.asString(), () -> administration.delete(path));
    }

    @Override
    public synchronized void subscribe(FolderPath path, boolean subscribed) {
        run("Cannot change the subscription of " + path.asString(), () -> administration.subscribe(path, subscribed));
    }

    @Override
    public synchronized long append(FolderPath path, byte[] message, Set<MessageFlag> flags) {
        return append(path, new ByteArrayInputStream(message), flags);
    }

    /** Streams the file (a shared file stream: the message is never all in the heap). */
    @Override
    public synchronized long append(FolderPath path, Path message, Set<MessageFlag> flags) {
        try (SharedFileInputStream in = new SharedFileInputStream(message.toFile())) {
            return append(path, in, flags);
        } catch (IOException e) {
            throw new MailStoreException(Reason.UNAVAILABLE, "Cannot read the message to append", e);
        }
    }

    private long append(FolderPath path, InputStream message, Set<MessageFlag> flags) {
        return call("Cannot append to " + path.asString(), () -> writes.append(path, message, flags));
    }

    @Override
    public synchronized void addKeyword(FolderPath path, long uid, String keyword) {
        run("Cannot set " + keyword + " in " + path.asString(), () -> writes.addKeyword(path, uid, keyword));
    }

    /** An operation on the connection; what Angus throws becomes a {@link MailStoreException} saying {@code what} failed. */
    @FunctionalInterface
    private interface Call<T> {
        T call() throws MessagingException, IOException;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws MessagingException, IOException;
    }

    private static <T> T call(String what, Call<T> operation) {
        try {
            return operation.call();
        } catch (MessagingException | IOException e) {
            throw Failures.of(what, e);
        }
    }

    private static void run(String what, Action operation) {
        call(what, () -> {
            operation.run();
            return null;
        });
    }

    @Override
    public boolean isConnected() {
        return selection.isConnected();
    }

    @Override
    public synchronized void close() {
        selection.close();
    }
}
