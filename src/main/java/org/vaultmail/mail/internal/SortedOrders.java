package org.vaultmail.mail.internal;

import com.github.benmanes.caffeine.cache.Cache;
import jakarta.mail.MessagingException;
import jakarta.mail.search.SearchTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.SortTerm;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.SearchQuery;
import org.vaultmail.mail.Sort;

/**
 * Sorted orders of a folder's messages (as sequence numbers), cached while the folder's UIDVALIDITY, message
 * count and last UID are unchanged: sort keys (envelope, size, arrival) never change, so that is enough to reuse one.
 */
final class SortedOrders {

    private record OrderKey(FolderPath folder, Sort sort, boolean descending, SearchQuery filter) {
    }

    /** A sorted order and the folder state it is valid for. */
    private record CachedOrder(long uidValidity, int total, long lastUid, int[] sequence) {
    }

    /** The most recently used sorted orders (see {@link MailStoreCaches#ORDERS}). */
    private final Cache<OrderKey, CachedOrder> orders;
    private final Capabilities capabilities;

    SortedOrders(Capabilities capabilities, MailStoreCaches caches) {
        this.capabilities = capabilities;
        this.orders = caches.orders();
    }

    /**
     * Sequence numbers of the messages matching {@code filter}, in order: {@code SORT (keys) UTF-8 <criteria>}
     * where the server has SORT, else SEARCH and the in-memory sort. Not cached when the filter depends on
     * flags (which change without changing the folder state the cache checks).
     */
    int[] order(IMAPFolder folder, FolderPath path, Sort sort, boolean descending, SearchQuery filter) throws MessagingException {
        int total = folder.getMessageCount();
        if (total == 0) return new int[0];
        long uidValidity = folder.getUIDValidity();
        long lastUid = folder.getUID(folder.getMessage(total));
        OrderKey key = new OrderKey(path, sort, descending, filter);
        boolean cacheable = !filter.unread() && !filter.flagged();
        CachedOrder cached = cacheable ? orders.getIfPresent(key) : null;
        if (cached != null && cached.uidValidity() == uidValidity && cached.total() == total && cached.lastUid() == lastUid) {
            return cached.sequence();
        }
        int[] sequence = sort(folder, sort, descending, SearchTerms.of(filter));
        if (cacheable) orders.put(key, new CachedOrder(uidValidity, total, lastUid, sequence));
        return sequence;
    }

    private int[] sort(IMAPFolder folder, Sort sort, boolean descending, @Nullable SearchTerm criteria) throws MessagingException {
        if (capabilities.has("SORT")) {
            // the protocol's SORT gives sequence numbers; IMAPFolder.getSortedMessages would turn every one of them
            // into an IMAPMessage kept in the folder's cache (about 190 bytes a message, per session: 100,000
            // messages cost 19 MB), where only the page shown needs one
            SortTerm[] terms = sortTerms(sort, descending);
            int[] sorted = (int[]) folder.doCommand(p -> {
                try {
                    return p.sort(terms, criteria);
                } catch (jakarta.mail.search.SearchException e) { // as IMAPFolder.getSortedMessages reports it
                    throw new org.eclipse.angus.mail.iap.ProtocolException(e.getMessage(), e);
                }
            });
            return sorted == null ? new int[0] : sorted;
        }
        if (criteria == null) return InMemorySort.sort(folder, sort, descending);
        return InMemorySort.sort(folder, folder.search(criteria), sort, descending);
    }

    private static SortTerm[] sortTerms(Sort sort, boolean descending) {
        SortTerm term = switch (sort) {
            case DATE -> SortTerm.DATE;
            case ARRIVAL -> SortTerm.ARRIVAL;
            case FROM -> SortTerm.FROM;
            case SUBJECT -> SortTerm.SUBJECT;
            case SIZE -> SortTerm.SIZE;
        };
        return descending ? new SortTerm[] {SortTerm.REVERSE, term} : new SortTerm[] {term};
    }
}
