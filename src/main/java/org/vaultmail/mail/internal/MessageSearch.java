package org.vaultmail.mail.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.SearchTerm;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.mail.MessageSummary;
import org.vaultmail.mail.MessageThread;
import org.vaultmail.mail.SearchQuery;
import org.vaultmail.mail.SearchResults;
import org.vaultmail.mail.Sort;

/** Searching one folder (UIDs), all folders (the newest matches), and threading a folder. */
final class MessageSearch {

    private static final Comparator<MessageSummary> NEWEST_FIRST = Comparator
            .comparing(MessageSummary::date, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(m -> m.uid().folder().asString())
            .thenComparing(m -> m.uid().uid(), Comparator.reverseOrder());

    private final Selection selection;
    private final Capabilities capabilities;
    private final MessageListing listing;
    private final SortedOrders orders;
    private final Summaries summaries;

    MessageSearch(Selection selection, Capabilities capabilities, MessageListing listing, SortedOrders orders, Summaries summaries) {
        this.selection = selection;
        this.capabilities = capabilities;
        this.listing = listing;
        this.orders = orders;
        this.summaries = summaries;
    }

    List<Long> search(FolderPath path, SearchQuery query) throws MessagingException {
        IMAPFolder folder = selection.select(path);
        SearchTerm term = SearchTerms.of(query);
        Message[] found = term == null ? folder.getMessages() : folder.search(term);
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(found, profile);
        List<Long> uids = new ArrayList<>(found.length);
        for (Message m : found) uids.add(folder.getUID(m));
        uids.sort(null);
        return List.copyOf(uids);
    }

    /** How many messages of one folder match, and the summaries of its newest {@code limit}. */
    private record Head(int total, List<MessageSummary> newest) {
    }

    /**
     * Per selectable folder: {@code SORT (REVERSE DATE) UTF-8 <criteria>} (or SEARCH and the in-memory
     * sort), then summaries of only its first {@code limit} matches (no folder can contribute more);
     * the heads are merged by date. Costs per folder one SELECT, one SORT and one FETCH of at most
     * {@code limit} messages; never a FETCH for the matches beyond each folder's head.
     */
    SearchResults searchAll(SearchQuery query, int limit) throws MessagingException, IOException {
        int total = 0;
        List<MessageSummary> heads = new ArrayList<>();
        selection.deselect(); // as in folders(): one connection
        for (Folder f : selection.all()) {
            IMAPFolder candidate = (IMAPFolder) f;
            if (!FolderTree.isSelectable(candidate)) continue;
            FolderPath path = FolderPath.of(candidate.getFullName(), candidate.getSeparator());
            Head head;
            try {
                head = listing.afresh(path, folder -> {
                    int[] order = orders.order(folder, path, Sort.DATE, true, query);
                    List<MessageSummary> newest = summaries.of(folder, path, Arrays.copyOf(order, Math.min(limit, order.length)));
                    return newest == null ? null : new Head(order.length, newest);
                });
            } catch (MailStoreException e) {
                if (e.reason() != Reason.NOT_FOUND) throw e;
                continue; // deleted (by another client) since the LIST: it holds no matches any more
            }
            total += head.total();
            heads.addAll(head.newest());
        }
        heads.sort(NEWEST_FIRST);
        return new SearchResults(total, List.copyOf(heads.subList(0, Math.min(limit, heads.size()))));
    }

    List<MessageThread> threads(FolderPath path) throws MessagingException {
        if (!capabilities.has("THREAD=REFERENCES")) throw new MailStoreException(Reason.REFUSED, "The server does not thread messages");
        IMAPFolder folder = selection.select(path);
        String threads = (String) folder.doCommand(p -> {
            Response[] r = p.command("UID THREAD REFERENCES UTF-8 ALL", null);
            String body = "";
            for (int i = 0; i < r.length; i++) {
                if (r[i] instanceof IMAPResponse ir && ir.keyEquals("THREAD")) {
                    body = ir.getRest();
                    r[i] = null;
                }
            }
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return body;
        });
        return ThreadResponses.parse(threads == null ? "" : threads);
    }
}
