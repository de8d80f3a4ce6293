package org.vaultmail.mail.internal;

import com.github.benmanes.caffeine.cache.Cache;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MessagePage;
import org.vaultmail.mail.SearchQuery;
import org.vaultmail.mail.Sort;

/**
 * Pages already listed, with the folder's CONDSTORE state when they were read. A page is valid while
 * UIDVALIDITY, UIDNEXT, the message count and HIGHESTMODSEQ are unchanged: no message came (UIDNEXT),
 * none went (count), none changed flags (HIGHESTMODSEQ). Only used where the server has CONDSTORE.
 */
final class PageCache {

    /** The listing a page answers. */
    record Key(FolderPath folder, int offset, int limit, Sort sort, boolean descending, SearchQuery filter) {
    }

    /** What STATUS says of a folder; equal states mean nothing in the folder changed. */
    record FolderState(long uidValidity, long uidNext, int messages, long highestModSeq) {

        static FolderState of(Status status) {
            return new FolderState(status.uidvalidity, status.uidnext, status.total, status.highestmodseq);
        }

        /** The same messages as {@code other}, perhaps with other flags. */
        boolean sameMessages(FolderState other) {
            return uidValidity == other.uidValidity && uidNext == other.uidNext && messages == other.messages;
        }
    }

    record Cached(FolderState state, MessagePage page) {
    }

    /** The most recently listed pages (see {@link MailStoreCaches#PAGES}). */
    private final Cache<Key, Cached> pages;

    PageCache(MailStoreCaches caches) {
        this.pages = caches.pages();
    }

    @Nullable Cached get(Key key) {
        return pages.getIfPresent(key);
    }

    void put(Key key, FolderState state, MessagePage page) {
        if (state.highestModSeq() > 0) pages.put(key, new Cached(state, page));
    }
}
