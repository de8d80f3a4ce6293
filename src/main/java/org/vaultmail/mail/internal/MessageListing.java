package org.vaultmail.mail.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.MessagePage;
import org.vaultmail.mail.MessageSummary;
import org.vaultmail.mail.SearchQuery;
import org.vaultmail.mail.Sort;

/** Pages of a folder, sorted and filtered: from the page cache (CONDSTORE), with refreshed flags, or listed anew. */
final class MessageListing {

    /** Something read by sequence number from a selected folder; null when a message of it was expunged meanwhile. */
    @FunctionalInterface
    interface BySequence<T> {
        @Nullable T read(IMAPFolder folder) throws MessagingException, IOException;
    }

    private final Selection selection;
    private final Statuses statuses;
    private final Capabilities capabilities;
    private final SortedOrders orders;
    private final Summaries summaries;
    private final PageCache pages;

    MessageListing(Selection selection, Statuses statuses, Capabilities capabilities, SortedOrders orders, Summaries summaries,
                   PageCache pages) {
        this.pages = pages;
        this.selection = selection;
        this.statuses = statuses;
        this.capabilities = capabilities;
        this.orders = orders;
        this.summaries = summaries;
    }

    /**
     * With CONDSTORE, a page of a folder not selected now, listed before, is checked with one STATUS: unchanged, it is served as it was
     * (one round trip, the folder not even selected); with only flags changed, the flags are refreshed by
     * {@code UID FETCH 1:* (FLAGS) (CHANGEDSINCE modseq)}; otherwise, and without CONDSTORE, it is listed anew.
     */
    MessagePage list(FolderPath path, int offset, int limit, Sort sort, boolean descending, SearchQuery filter)
            throws MessagingException, IOException {
        // STATUS on the selected folder reports this session's view of it, without others' changes (Dovecot
        // answers [CLIENTBUG]): there the NOOP of select() and the sorted-order cache do the work
        if (!capabilities.has("CONDSTORE") || selection.isSelected(path)) return listAnew(path, offset, limit, sort, descending, filter);
        PageCache.Key key = new PageCache.Key(path, offset, limit, sort, descending, filter);
        PageCache.FolderState now = PageCache.FolderState.of(statuses.raw(path, true));
        PageCache.Cached cached = pages.get(key);
        MessagePage page;
        if (cached != null && cached.state().equals(now)) {
            page = cached.page();
        } else if (cached != null && cached.state().sameMessages(now) && !filter.unread() && !filter.flagged()) {
            page = withFreshFlags(path, cached);
        } else {
            page = listAnew(path, offset, limit, sort, descending, filter);
        }
        pages.put(key, now, page);
        return page;
    }

    /** The cached page with the flags of the messages changed since it was read. */
    private MessagePage withFreshFlags(FolderPath path, PageCache.Cached cached) throws MessagingException {
        IMAPFolder folder = selection.select(path);
        Map<Long, Set<MessageFlag>> changed = new HashMap<>();
        for (Message m : folder.getMessagesByUIDChangedSince(1, UIDFolder.MAXUID, cached.state().highestModSeq())) {
            changed.put(folder.getUID(m), Envelopes.flags(m.getFlags()));
        }
        List<MessageSummary> rows = new ArrayList<>();
        for (MessageSummary m : cached.page().messages()) {
            Set<MessageFlag> flags = changed.getOrDefault(m.uid().uid(), m.flags());
            rows.add(new MessageSummary(m.uid(), m.subject(), m.from(), m.date(), m.size(), flags, m.hasAttachments(), m.preview()));
        }
        return new MessagePage(cached.page().total(), cached.page().offset(), List.copyOf(rows));
    }

    private MessagePage listAnew(FolderPath path, int offset, int limit, Sort sort, boolean descending, SearchQuery filter)
            throws MessagingException, IOException {
        return afresh(path, folder -> {
            int[] order = orders.order(folder, path, sort, descending, filter);
            int from = Math.min(offset, order.length);
            int to = (int) Math.min((long) from + limit, order.length);
            List<MessageSummary> rows = summaries.of(folder, path, Arrays.copyOfRange(order, from, to));
            return rows == null ? null : new MessagePage(order.length, from, rows);
        });
    }

    /** The rows of these messages, in the order asked; those no longer there are left out. */
    List<MessageSummary> summaries(FolderPath path, List<Long> uids) throws MessagingException, IOException {
        if (uids.isEmpty()) return List.of();
        return afresh(path, folder -> {
            long[] wanted = uids.stream().mapToLong(Long::longValue).toArray();
            int[] numbers = Arrays.stream(folder.getMessagesByUID(wanted)).filter(m -> m != null && !m.isExpunged())
                    .mapToInt(Message::getMessageNumber).toArray();
            List<MessageSummary> rows = summaries.of(folder, path, numbers);
            if (rows == null) return null;
            Map<Long, MessageSummary> byUid = new HashMap<>();
            for (MessageSummary row : rows) byUid.put(row.uid().uid(), row);
            return uids.stream().map(byUid::get).filter(java.util.Objects::nonNull).toList();
        });
    }

    /**
     * Reads by sequence number from the selected folder; when a message was expunged meanwhile (the read answers null, or the
     * server refused a number that had gone: another connection, a bulk move of this very session say, expunged while this one
     * sorted and fetched), selects the folder afresh and reads once more.
     */
    <T> T afresh(FolderPath path, BySequence<T> read) throws MessagingException, IOException {
        T result;
        try {
            result = read.read(selection.select(path));
        } catch (FolderClosedException | StoreClosedException e) {
            throw e;
        } catch (MessagingException e) {
            result = null;
        }
        if (result != null) return result;
        selection.deselect();
        result = read.read(selection.select(path));
        if (result == null) throw new MailStoreException(Reason.UNAVAILABLE, "The folder " + path.asString() + " keeps changing");
        return result;
    }
}
