package org.vaultmail.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.SearchTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.SortTerm;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.EmailAddress;
import org.vaultmail.mail.FolderInfo;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.FolderStatus;
import org.vaultmail.mail.FolderRole;
import org.vaultmail.mail.MailStore;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.mail.MessageDetail;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.MessagePage;
import org.vaultmail.mail.PartContent;
import org.vaultmail.mail.MessageThread;
import org.vaultmail.mail.MessageUid;
import org.vaultmail.mail.MoveResult;
import org.vaultmail.mail.MessageSummary;
import org.vaultmail.mail.SearchQuery;
import org.vaultmail.mail.SearchResults;
import org.vaultmail.mail.Sort;

/**
 * {@link MailStore} on one Angus {@link IMAPStore}. Keeps the folder last used selected, and caches
 * each sorted order (as sequence numbers) while the folder's UIDVALIDITY, message count and last UID
 * are unchanged: sort keys (envelope, size, arrival) never change, so that is enough to reuse it.
 */
final class AngusMailStore implements MailStore {

    static final int MAX_CACHED_ORDERS = 8;

    private final IMAPStore store;
    private final Set<String> hiddenCapabilities;
    /** The most recently used sorted orders (an order of 100,000 messages takes 400 KB). */
    private final Map<OrderKey, CachedOrder> orders = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<OrderKey, CachedOrder> eldest) {
            return size() > MAX_CACHED_ORDERS;
        }
    };
    private @Nullable IMAPFolder selected;
    private int sorts;

    private record OrderKey(FolderPath folder, Sort sort, boolean descending, SearchQuery filter) {
    }

    /** Message structures by folder, UIDVALIDITY and UID: immutable on the server, so never stale. */
    private final Map<StructureKey, BODYSTRUCTURE> structures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StructureKey, BODYSTRUCTURE> eldest) {
            return size() > 32;
        }
    };

    private record StructureKey(String folder, long uidValidity, long uid) {
    }

    /** A sorted order and the folder state it is valid for. */
    private record CachedOrder(long uidValidity, int total, long lastUid, int[] sequence) {
    }

    private final boolean previews;
    private final PageCache pages = new PageCache();

    /** The capabilities this class asks about, read once after login (see {@link #hasCapability}). */
    private static final List<String> USED_CAPABILITIES = List.of("SORT", "CONDSTORE", "SPECIAL-USE", "PREVIEW", "THREAD=REFERENCES",
            "LIST-STATUS", "LIST-EXTENDED", "MOVE", "UIDPLUS");
    private final Set<String> capabilities = new HashSet<>();

    AngusMailStore(IMAPStore store, Set<String> hiddenCapabilities, boolean previews) {
        this.store = store;
        this.hiddenCapabilities = hiddenCapabilities;
        this.previews = previews;
        for (String capability : USED_CAPABILITIES) {
            try {
                if (store.hasCapability(capability)) capabilities.add(capability);
            } catch (MessagingException e) {
                // the connection is broken: the first command will say so
            }
        }
    }

    /**
     * On the connection in hand, the selected folder staying selected (a NOOP first, so its counts include
     * others' changes): one {@code LIST … RETURN (STATUS …)} with LIST-STATUS, else LIST, LSUB and STATUSes.
     */
    @Override
    public synchronized List<FolderInfo> folders() {
        try {
            IMAPFolder current = selected;
            IMAPFolder via;
            if (current != null && current.isOpen()) {
                current.doCommand(p -> {
                    p.noop();
                    return null;
                });
                via = current;
            } else {
                via = (IMAPFolder) store.getFolder("INBOX"); // closed: its commands go through the store's connection
            }
            boolean listStatus = hasCapability("LIST-STATUS") && hasCapability("LIST-EXTENDED");
            @SuppressWarnings("unchecked")
            List<FolderListings.Listed> all = (List<FolderListings.Listed>) via.doCommand(p -> FolderListings.read(p, listStatus));
            List<Named> named = new ArrayList<>(all.size());
            for (FolderListings.Listed f : all) named.add(new Named(f.info().name, f.info().separator, f.info().attrs, f.selectable()));
            Map<String, FolderRole> roles = roles(named);
            List<FolderInfo> result = new ArrayList<>();
            for (FolderListings.Listed f : all) {
                FolderPath path = FolderPath.of(f.info().name, f.info().separator);
                int total = f.status() == null ? 0 : Math.max(0, f.status().total);
                int unread = f.status() == null ? 0 : Math.max(0, f.status().unseen);
                FolderRole role = path.isInbox() ? FolderRole.INBOX : roles.get(f.info().name);
                result.add(new FolderInfo(path, role, total, unread, f.selectable(), f.subscribed()));
            }
            return List.copyOf(result);
        } catch (MessagingException e) {
            throw failure("Cannot list folders", e);
        }
    }

    /** A folder as LIST described it, whichever way it was listed. */
    private record Named(String name, char separator, String[] attributes, boolean selectable) {
    }

    /** Roles by SPECIAL-USE attribute first (where the server has it), then by well-known name among selectable folders. */
    private Map<String, FolderRole> roles(List<Named> all) {
        Map<String, FolderRole> roles = new HashMap<>();
        Set<FolderRole> claimed = FolderRoles.none();
        if (hasCapability("SPECIAL-USE")) {
            for (Named f : all) {
                FolderRole role = FolderRoles.fromAttributes(f.attributes());
                if (role != null && claimed.add(role)) roles.put(f.name(), role);
            }
        }
        Set<FolderRole> byAttribute = Set.copyOf(claimed);
        for (Named f : all) {
            if (roles.containsKey(f.name()) || !f.selectable()) continue;
            FolderRole role = FolderRoles.fromName(f.name(), f.separator(), byAttribute);
            if (role != null && claimed.add(role)) roles.put(f.name(), role);
        }
        return roles;
    }

    /**
     * With CONDSTORE, a page of a folder not selected now, listed before, is checked with one STATUS: unchanged, it is served as it was
     * (one round trip, the folder not even selected); with only flags changed, the flags are refreshed by
     * {@code UID FETCH 1:* (FLAGS) (CHANGEDSINCE modseq)}; otherwise, and without CONDSTORE, it is listed anew.
     */
    @Override
    public synchronized MessagePage list(FolderPath path, int offset, int limit, Sort sort, boolean descending, SearchQuery filter) {
        if (offset < 0 || limit < 0) throw new IllegalArgumentException("offset and limit are not negative");
        try {
            // STATUS on the selected folder reports this session's view of it, without others' changes (Dovecot
            // answers [CLIENTBUG]): there the NOOP of select() and the sorted-order cache do the work
            if (!hasCapability("CONDSTORE") || isSelected(path)) return listAnew(path, offset, limit, sort, descending, filter);
            PageCache.Key key = new PageCache.Key(path, offset, limit, sort, descending, filter);
            PageCache.FolderState now = PageCache.FolderState.of(status(path, true));
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
        } catch (MessagingException e) {
            throw failure("Cannot list " + path.asString(), e);
        }
    }

    private boolean isSelected(FolderPath path) {
        IMAPFolder current = selected;
        return current != null && current.isOpen() && current.getFullName().equals(path.asString());
    }

    /** The cached page with the flags of the messages changed since it was read. */
    private MessagePage withFreshFlags(FolderPath path, PageCache.Cached cached) throws MessagingException {
        IMAPFolder folder = select(path);
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

    private MessagePage listAnew(FolderPath path, int offset, int limit, Sort sort, boolean descending, SearchQuery filter) {
        try {
            MessagePage page;
            try {
                page = page(select(path), path, offset, limit, sort, descending, filter);
            } catch (FolderClosedException | StoreClosedException e) {
                throw e;
            } catch (MessagingException e) {
                // another connection (a bulk move of this very session, say) expunged messages while this one sorted
                // and fetched by sequence number, and the server refused a number that had gone: once more, afresh
                page = null;
            }
            if (page != null) return page;
            // a message of the page was expunged under us: select the folder afresh and sort again
            deselect();
            page = page(select(path), path, offset, limit, sort, descending, filter);
            if (page == null) throw new MailStoreException(Reason.UNAVAILABLE, "The folder " + path.asString() + " keeps changing");
            return page;
        } catch (MessagingException | IOException e) {
            throw failure("Cannot list " + path.asString(), e);
        }
    }

    private @Nullable MessagePage page(IMAPFolder folder, FolderPath path, int offset, int limit, Sort sort, boolean descending,
                                       SearchQuery filter) throws MessagingException, IOException {
        int[] order = order(folder, path, sort, descending, filter);
        int from = Math.min(offset, order.length);
        int to = (int) Math.min((long) from + limit, order.length);
        List<MessageSummary> summaries = summaries(folder, path, Arrays.copyOfRange(order, from, to));
        return summaries == null ? null : new MessagePage(order.length, from, summaries);
    }

    /** Summaries (with previews) of these messages in this order, or null when one was expunged meanwhile. */
    private @Nullable List<MessageSummary> summaries(IMAPFolder folder, FolderPath path, int[] numbers)
            throws MessagingException, IOException {
        Message[] page = new Message[numbers.length];
        for (int i = 0; i < numbers.length; i++) page[i] = folder.getMessage(numbers[i]);
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.CONTENT_INFO);
        profile.add(FetchProfile.Item.SIZE);
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(page, profile);
        if (Arrays.stream(page).anyMatch(Message::isExpunged)) return null;
        Map<Integer, String> texts = !previews || page.length == 0 ? Map.of()
                : hasCapability("PREVIEW") ? Previews.fromServer(folder, page) : Previews.fetch(folder, page);
        long uidValidity = folder.getUIDValidity();
        List<MessageSummary> summaries = new ArrayList<>(page.length);
        for (Message m : page) summaries.add(summary(folder, path, uidValidity, (IMAPMessage) m, texts.get(m.getMessageNumber())));
        return List.copyOf(summaries);
    }

    @Override
    public synchronized MessageDetail message(FolderPath path, long uid) {
        try {
            IMAPFolder folder = selectForUid(path);
            UidFetches.Fetched m = fetch(folder, path, uid);
            ENVELOPE e = m.envelope();
            return new MessageDetail(uid(path, folder.getUIDValidity(), uid), m.subject(), Envelopes.addresses(e.from),
                    Envelopes.addresses(e.to), Envelopes.addresses(e.cc), m.date(), e.messageId, m.size(), Envelopes.flags(m.flags()),
                    RawStructures.tree(m.structure()));
        } catch (MessagingException e) {
            throw failure("Cannot read message " + uid + " in " + path.asString(), e);
        }
    }

    /** One {@code UID FETCH} of everything about the message; a NOOP and a second try for a UID this connection has not seen yet. */
    private UidFetches.Fetched fetch(IMAPFolder folder, FolderPath path, long uid) throws MessagingException {
        if (uid <= 0 || uid > 0xFFFF_FFFFL) throw new MailStoreException(Reason.NOT_FOUND, "No message " + uid + " in " + path.asString());
        UidFetches.Fetched m = (UidFetches.Fetched) folder.doCommand(p -> UidFetches.message(p, uid));
        if (m == null) {
            folder.doCommand(p -> {
                p.noop();
                return null;
            });
            m = (UidFetches.Fetched) folder.doCommand(p -> UidFetches.message(p, uid));
        }
        if (m == null) throw new MailStoreException(Reason.NOT_FOUND, "No message " + uid + " in " + path.asString());
        structures.put(new StructureKey(path.asString(), folder.getUIDValidity(), uid), m.structure());
        return m;
    }

    /** The message's structure: remembered from {@link #message} (it never changes for a UID), else fetched. */
    private BODYSTRUCTURE structure(IMAPFolder folder, FolderPath path, long uid) throws MessagingException {
        BODYSTRUCTURE known = structures.get(new StructureKey(path.asString(), folder.getUIDValidity(), uid));
        return known != null ? known : fetch(folder, path, uid).structure();
    }

    @Override
    public synchronized InputStream part(FolderPath path, long uid, String partId) {
        try {
            IMAPFolder folder = selectForUid(path);
            BODYSTRUCTURE structure = structure(folder, path, uid);
            return RawStructures.stream(byUid(folder, path, uid), structure, partId);
        } catch (MessagingException e) {
            throw failure("Cannot read part " + partId + " of message " + uid + " in " + path.asString(), e);
        }
    }

    /** All the parts in one {@code UID FETCH (BODY.PEEK[a]<0.n> BODY.PEEK[b]<0.n>)}, no NOOP, the structure from {@link #message}. */
    @Override
    public synchronized Map<String, PartContent> bodies(FolderPath path, long uid, List<String> partIds, int limit) {
        if (partIds.isEmpty()) return Map.of();
        try {
            IMAPFolder folder = selectForUid(path);
            BODYSTRUCTURE root = structure(folder, path, uid);
            Map<String, String> sections = new LinkedHashMap<>();
            for (String partId : partIds) {
                if (RawStructures.find(root, partId).isNested()) return MailStore.super.bodies(path, uid, partIds, limit);
                sections.put(partId, RawStructures.section(root, partId));
            }
            // room for the transfer encoding (base64 is 4/3 of the content, plus line breaks)
            int encodedLimit = limit + limit / 2 + 1024;
            @SuppressWarnings("unchecked")
            Map<String, byte[]> fetched = (Map<String, byte[]>) folder.doCommand(
                    p -> UidFetches.sections(p, uid, List.copyOf(sections.values()), encodedLimit));
            Map<String, PartContent> out = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : sections.entrySet()) {
                byte[] encoded = fetched.get(e.getValue());
                if (encoded == null) throw new MailStoreException(Reason.NOT_FOUND, "No message " + uid + " in " + path.asString());
                BODYSTRUCTURE part = RawStructures.find(root, e.getKey());
                boolean cut = encoded.length >= encodedLimit && (part.size < 0 || part.size > encoded.length);
                out.put(e.getKey(), UidFetches.decode(encoded, part.encoding, limit, cut));
            }
            return out;
        } catch (MessagingException e) {
            throw failure("Cannot read message " + uid + " in " + path.asString(), e);
        }
    }

    @Override
    public synchronized InputStream source(FolderPath path, long uid) {
        try {
            IMAPFolder folder = selectForUid(path);
            return byUid(folder, path, uid).getMimeStream();
        } catch (MessagingException e) {
            throw failure("Cannot read message " + uid + " in " + path.asString(), e);
        }
    }

    @Override
    public synchronized List<Long> search(FolderPath path, SearchQuery query) {
        try {
            IMAPFolder folder = select(path);
            SearchTerm term = SearchTerms.of(query);
            Message[] found = term == null ? folder.getMessages() : folder.search(term);
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(found, profile);
            List<Long> uids = new ArrayList<>(found.length);
            for (Message m : found) uids.add(folder.getUID(m));
            uids.sort(null);
            return List.copyOf(uids);
        } catch (MessagingException e) {
            throw failure("Cannot search " + path.asString(), e);
        }
    }

    /**
     * Per selectable folder: {@code SORT (REVERSE DATE) UTF-8 <criteria>} (or SEARCH and the in-memory
     * sort), then summaries of only its first {@code limit} matches (no folder can contribute more);
     * the heads are merged by date. Costs per folder one SELECT, one SORT and one FETCH of at most
     * {@code limit} messages; never a FETCH for the matches beyond each folder's head.
     */
    @Override
    public synchronized SearchResults searchAll(SearchQuery query, int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit is not negative");
        try {
            int total = 0;
            List<MessageSummary> heads = new ArrayList<>();
            deselect(); // as in folders(): one connection
            for (Folder f : store.getDefaultFolder().list("*")) {
                IMAPFolder candidate = (IMAPFolder) f;
                if (!isSelectable(candidate)) continue;
                FolderPath path = FolderPath.of(candidate.getFullName(), candidate.getSeparator());
                IMAPFolder folder;
                try {
                    folder = select(path);
                } catch (MailStoreException e) {
                    if (e.reason() != Reason.NOT_FOUND) throw e;
                    continue; // deleted (by another client) since the LIST: it holds no matches any more
                }
                int[] order = order(folder, path, Sort.DATE, true, query);
                total += order.length;
                List<MessageSummary> head = summaries(folder, path, Arrays.copyOf(order, Math.min(limit, order.length)));
                if (head == null) { // expunged meanwhile: sort this folder again
                    deselect();
                    folder = select(path);
                    order = order(folder, path, Sort.DATE, true, query);
                    head = summaries(folder, path, Arrays.copyOf(order, Math.min(limit, order.length)));
                    if (head == null) throw new MailStoreException(Reason.UNAVAILABLE, "The folder " + path.asString() + " keeps changing");
                }
                heads.addAll(head);
            }
            heads.sort(NEWEST_FIRST);
            return new SearchResults(total, List.copyOf(heads.subList(0, Math.min(limit, heads.size()))));
        } catch (MessagingException | IOException e) {
            throw failure("Cannot search all folders", e);
        }
    }

    private static final Comparator<MessageSummary> NEWEST_FIRST = Comparator
            .comparing(MessageSummary::date, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(m -> m.uid().folder().asString())
            .thenComparing(m -> m.uid().uid(), Comparator.reverseOrder());

    @Override
    public synchronized FolderStatus status(FolderPath path) {
        try {
            boolean condstore = hasCapability("CONDSTORE");
            Status status = status(path, condstore);
            return new FolderStatus(path, status.total, status.unseen, status.uidnext, status.uidvalidity,
                    condstore && status.highestmodseq > 0 ? status.highestmodseq : null);
        } catch (MessagingException e) {
            throw failure("Cannot read the status of " + path.asString(), e);
        }
    }

    /** One STATUS command (also allowed on the selected folder); NOT_FOUND for a folder that does not exist. */
    private Status status(FolderPath path, boolean condstore) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(path.asString());
        String[] items = condstore ? new String[] {"MESSAGES", "UNSEEN", "UIDNEXT", "UIDVALIDITY", "HIGHESTMODSEQ"}
                : new String[] {"MESSAGES", "UNSEEN", "UIDNEXT", "UIDVALIDITY"};
        try {
            return (Status) onOneConnection(folder).doCommand(p -> p.status(path.asString(), items));
        } catch (MessagingException e) {
            if (!folder.exists()) throw new MailStoreException(Reason.NOT_FOUND, "No folder " + path.asString(), e);
            throw e;
        }
    }

    @Override
    public synchronized List<MessageThread> threads(FolderPath path) {
        if (!hasCapability("THREAD=REFERENCES")) throw new MailStoreException(Reason.REFUSED, "The server does not thread messages");
        try {
            IMAPFolder folder = select(path);
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
        } catch (MessagingException | IllegalArgumentException e) {
            throw failure("Cannot thread " + path.asString(), e);
        }
    }

    @Override
    public synchronized void setFlags(FolderPath path, List<Long> uids, Set<MessageFlag> flags, boolean value) {
        if (uids.isEmpty() || flags.isEmpty()) return;
        try {
            IMAPFolder folder = select(path);
            Message[] messages = Arrays.stream(folder.getMessagesByUID(uids.stream().mapToLong(Long::longValue).toArray()))
                    .filter(Objects::nonNull).toArray(Message[]::new);
            if (messages.length > 0) folder.setFlags(messages, Envelopes.toFlags(flags), value);
        } catch (MessagingException e) {
            throw failure("Cannot set flags in " + path.asString(), e);
        }
    }

    @Override
    public synchronized MoveResult move(FolderPath from, List<Long> uids, FolderPath to) {
        return transfer(from, uids, to, true);
    }

    @Override
    public synchronized MoveResult copy(FolderPath from, List<Long> uids, FolderPath to) {
        return transfer(from, uids, to, false);
    }

    /** Chunk by chunk: the UIDs still there, then MOVE, or COPY (and for a move the expunge of only those). */
    private MoveResult transfer(FolderPath from, List<Long> uids, FolderPath to, boolean move) {
        if (from.asString().equals(to.asString())) throw new IllegalArgumentException("Messages are moved or copied to another folder");
        String what = (move ? "Cannot move messages from " : "Cannot copy messages from ") + from.asString() + " to " + to.asString();
        try {
            IMAPFolder folder = select(from);
            long uidValidity = status(to, false).uidvalidity; // NOT_FOUND before anything is done
            Map<Long, Long> newUids = new LinkedHashMap<>();
            int count = 0;
            for (List<Long> chunk : UidSets.chunks(uids)) {
                List<Long> present = UidCommands.present(folder, chunk);
                if (present.isEmpty()) continue;
                String set = UidSets.format(present);
                Response[] r;
                if (move && hasCapability("MOVE")) {
                    r = UidCommands.run(folder, "UID MOVE " + set, to.asString());
                } else {
                    r = UidCommands.run(folder, "UID COPY " + set, to.asString());
                    if (move) UidCommands.removeForGood(folder, present, hasCapability("UIDPLUS"));
                }
                UidSets.CopyUids copied = hasCapability("UIDPLUS") ? UidCommands.copyUids(r) : null;
                if (copied != null) {
                    uidValidity = copied.uidValidity();
                    newUids.putAll(copied.newUids());
                }
                count += present.size();
            }
            return new MoveResult(to, uidValidity, newUids, count);
        } catch (MessagingException e) {
            throw failure(what, e);
        } finally {
            if (move) forgetExpunged();
        }
    }

    @Override
    public synchronized int expunge(FolderPath path, List<Long> uids) {
        try {
            IMAPFolder folder = select(path);
            int count = 0;
            for (List<Long> chunk : UidSets.chunks(uids)) {
                List<Long> present = UidCommands.present(folder, chunk);
                UidCommands.removeForGood(folder, present, hasCapability("UIDPLUS"));
                count += present.size();
            }
            return count;
        } catch (MessagingException e) {
            throw failure("Cannot delete messages in " + path.asString(), e);
        } finally {
            forgetExpunged();
        }
    }

    @Override
    public synchronized int empty(FolderPath path) {
        try {
            IMAPFolder folder = select(path);
            if (folder.getMessageCount() == 0) return 0;
            UidCommands.run(folder, "UID STORE 1:* +FLAGS.SILENT (\\Deleted)", null);
            Response[] r = UidCommands.run(folder, "EXPUNGE", null);
            return (int) Arrays.stream(r).filter(x -> x instanceof IMAPResponse ir && ir.keyEquals("EXPUNGE")).count();
        } catch (MessagingException e) {
            throw failure("Cannot empty " + path.asString(), e);
        } finally {
            forgetExpunged();
        }
    }

    @Override
    public synchronized void createFolder(FolderPath path) {
        try {
            deselect();
            IMAPFolder folder = (IMAPFolder) store.getFolder(path.asString());
            if (folder.exists()) throw new MailStoreException(Reason.EXISTS, "There is already a folder " + path.asString());
            if (!folder.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS)) {
                throw new MailStoreException(Reason.REFUSED, "The server did not create the folder " + path.asString());
            }
            folder.setSubscribed(true);
        } catch (MessagingException e) {
            throw failure("Cannot create the folder " + path.asString(), e);
        }
    }

    @Override
    public synchronized void renameFolder(FolderPath from, FolderPath to) {
        try {
            IMAPFolder folder = unprotected(from);
            IMAPFolder target = (IMAPFolder) store.getFolder(to.asString());
            if (target.exists()) throw new MailStoreException(Reason.EXISTS, "There is already a folder " + to.asString());
            boolean subscribed = folder.isSubscribed();
            if (!folder.renameTo(target)) throw new MailStoreException(Reason.REFUSED, "The server did not rename " + from.asString());
            if (subscribed) {
                ((IMAPFolder) store.getFolder(to.asString())).setSubscribed(true);
                try {
                    folder.setSubscribed(false);
                } catch (MessagingException e) {
                    // the old name is gone; a server may have moved the subscription itself
                }
            }
        } catch (MessagingException e) {
            throw failure("Cannot rename " + from.asString(), e);
        }
    }

    @Override
    public synchronized void deleteFolder(FolderPath path) {
        try {
            IMAPFolder folder = unprotected(path);
            try {
                folder.setSubscribed(false);
            } catch (MessagingException e) {
                // not subscribed is fine
            }
            if (!folder.delete(true)) throw new MailStoreException(Reason.REFUSED, "The server did not delete " + path.asString());
        } catch (MessagingException e) {
            throw failure("Cannot delete the folder " + path.asString(), e);
        }
    }

    /**
     * Closes the folder after our own EXPUNGEs: Angus keeps expunged messages in its cache (numbered as before) until
     * the folder is closed, so the next command selects it afresh instead of seeing ghosts.
     */
    private void forgetExpunged() {
        try {
            deselect();
        } catch (MessagingException e) {
            // the next select opens it anew either way
        }
    }

    /** The folder, closed, if it exists and neither it nor a subfolder is INBOX or special-use. */
    private IMAPFolder unprotected(FolderPath path) throws MessagingException {
        deselect();
        if (path.isInbox()) throw new MailStoreException(Reason.PROTECTED, "INBOX cannot be renamed or deleted");
        Folder[] all = store.getDefaultFolder().list("*");
        List<Named> named = new ArrayList<>(all.length);
        boolean exists = false;
        for (Folder f : all) {
            named.add(new Named(f.getFullName(), f.getSeparator(), ((IMAPFolder) f).getAttributes(), isSelectable((IMAPFolder) f)));
            if (f.getFullName().equals(path.asString())) exists = true;
        }
        if (!exists) throw new MailStoreException(Reason.NOT_FOUND, "No folder " + path.asString());
        String below = path.asString() + path.delimiter();
        for (Map.Entry<String, FolderRole> role : roles(named).entrySet()) {
            if (role.getKey().equals(path.asString()) || (path.delimiter() != '\0' && role.getKey().startsWith(below))) {
                throw new MailStoreException(Reason.PROTECTED, role.getKey() + " is a special folder (" + role.getValue().name()
                        .toLowerCase(Locale.ROOT) + ") and cannot be renamed or deleted");
            }
        }
        return (IMAPFolder) store.getFolder(path.asString());
    }

    @Override
    public synchronized void subscribe(FolderPath path, boolean subscribed) {
        try {
            deselect();
            IMAPFolder folder = (IMAPFolder) store.getFolder(path.asString());
            if (!folder.exists()) throw new MailStoreException(Reason.NOT_FOUND, "No folder " + path.asString());
            folder.setSubscribed(subscribed);
        } catch (MessagingException e) {
            throw failure("Cannot change the subscription of " + path.asString(), e);
        }
    }

    @Override
    public synchronized long append(FolderPath path, byte[] message, Set<MessageFlag> flags) {
        return append(path, new java.io.ByteArrayInputStream(message), flags);
    }

    /** Streams the file (a shared file stream: the message is never all in the heap). */
    @Override
    public synchronized long append(FolderPath path, java.nio.file.Path message, Set<MessageFlag> flags) {
        try (jakarta.mail.util.SharedFileInputStream in = new jakarta.mail.util.SharedFileInputStream(message.toFile())) {
            return append(path, in, flags);
        } catch (java.io.IOException e) {
            throw new MailStoreException(Reason.UNAVAILABLE, "Cannot read the message to append", e);
        }
    }

    private long append(FolderPath path, java.io.InputStream message, Set<MessageFlag> flags) {
        try {
            jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage((jakarta.mail.Session) null, message);
            m.setFlags(Envelopes.toFlags(flags), true);
            deselect(); // APPEND names its mailbox: on the store's connection, not a second one
            IMAPFolder folder = (IMAPFolder) store.getFolder(path.asString());
            if (!folder.exists()) throw new MailStoreException(Reason.NOT_FOUND, "No folder " + path.asString());
            org.eclipse.angus.mail.imap.AppendUID[] uids = folder.appendUIDMessages(new Message[] {m});
            if (uids != null && uids.length == 1 && uids[0] != null) return uids[0].uid;
            String messageId = m.getMessageID();
            if (messageId == null) return -1;
            IMAPFolder selectedFolder = select(path);
            Message[] found = selectedFolder.search(new jakarta.mail.search.HeaderTerm("Message-ID", messageId));
            long uid = -1;
            for (Message f : found) uid = Math.max(uid, selectedFolder.getUID(f));
            return uid;
        } catch (MessagingException e) {
            throw failure("Cannot append to " + path.asString(), e);
        }
    }

    @Override
    public synchronized void addKeyword(FolderPath path, long uid, String keyword) {
        try {
            IMAPFolder folder = select(path);
            Message m = folder.getMessageByUID(uid);
            if (m == null) throw new MailStoreException(Reason.NOT_FOUND, "No message " + uid + " in " + path.asString());
            if (folder.getPermanentFlags().contains(jakarta.mail.Flags.Flag.USER)) m.setFlags(new jakarta.mail.Flags(keyword), true);
        } catch (MessagingException e) {
            throw failure("Cannot set " + keyword + " in " + path.asString(), e);
        }
    }

    @Override
    public boolean isConnected() {
        return store.isConnected();
    }

    @Override
    public synchronized void close() {
        try {
            deselect();
        } catch (MessagingException e) {
            // closing anyway
        }
        try {
            store.close();
        } catch (MessagingException e) {
            // the connection is gone either way
        }
    }

    private static boolean isSelectable(IMAPFolder folder) throws MessagingException {
        return (folder.getType() & Folder.HOLDS_MESSAGES) != 0 && Arrays.stream(folder.getAttributes())
                .noneMatch(a -> a.equalsIgnoreCase("\\Noselect") || a.equalsIgnoreCase("\\NonExistent"));
    }

    /**
     * The folder for a command that addresses messages by UID: the one already selected is reused without
     * a NOOP (the UID command itself sees the server's current state).
     */
    private IMAPFolder selectForUid(FolderPath path) throws MessagingException {
        IMAPFolder current = selected;
        if (current != null && current.isOpen() && current.getFullName().equals(path.asString())) return current;
        return select(path);
    }

    /** The folder, selected read-write; the one already selected is reused after a NOOP picks up changes. */
    private IMAPFolder select(FolderPath path) throws MessagingException {
        IMAPFolder current = selected;
        if (current != null && current.isOpen() && current.getFullName().equals(path.asString())) {
            current.doCommand(p -> {
                p.noop();
                return null;
            });
            if (current.isOpen()) return current;
        }
        deselect();
        IMAPFolder folder = (IMAPFolder) store.getFolder(path.asString());
        try {
            folder.open(Folder.READ_WRITE);
        } catch (FolderNotFoundException e) {
            throw new MailStoreException(Reason.NOT_FOUND, "No folder " + path.asString(), e);
        }
        selected = folder;
        return folder;
    }

    /**
     * The folder to run a command that names its mailbox itself (STATUS) through: the selected one when
     * there is one. Angus would otherwise take a second connection from the store's pool while a folder
     * is open (a second LOGIN, then a LOGOUT of one of the two when the folder is closed).
     */
    private IMAPFolder onOneConnection(IMAPFolder folder) {
        IMAPFolder current = selected;
        return current != null && current.isOpen() ? current : folder;
    }

    private void deselect() throws MessagingException {
        IMAPFolder current = selected;
        selected = null;
        if (current != null && current.isOpen()) current.close(false);
    }

    /**
     * Sequence numbers of the messages matching {@code filter}, in order: {@code SORT (keys) UTF-8 <criteria>}
     * where the server has SORT, else SEARCH and the in-memory sort. Cached while the folder's
     * UIDVALIDITY, count and last UID are unchanged, unless the filter depends on flags (which change
     * without changing those).
     */
    private int[] order(IMAPFolder folder, FolderPath path, Sort sort, boolean descending, SearchQuery filter) throws MessagingException {
        int total = folder.getMessageCount();
        if (total == 0) return new int[0];
        long uidValidity = folder.getUIDValidity();
        long lastUid = folder.getUID(folder.getMessage(total));
        OrderKey key = new OrderKey(path, sort, descending, filter);
        boolean cacheable = !filter.unread() && !filter.flagged();
        CachedOrder cached = cacheable ? orders.get(key) : null;
        if (cached != null && cached.uidValidity() == uidValidity && cached.total() == total && cached.lastUid() == lastUid) {
            return cached.sequence();
        }
        SearchTerm criteria = SearchTerms.of(filter);
        int[] sequence;
        sorts++;
        if (hasCapability("SORT")) {
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
            sequence = sorted == null ? new int[0] : sorted;
        } else if (criteria == null) {
            sequence = InMemorySort.sort(folder, sort, descending);
        } else {
            sequence = InMemorySort.sort(folder, folder.search(criteria), sort, descending);
        }
        if (cacheable) orders.put(key, new CachedOrder(uidValidity, total, lastUid, sequence));
        return sequence;
    }

    /** How many times a folder was sorted (not served from the cache); for tests. */
    synchronized int sorts() {
        return sorts;
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

    /**
     * Capabilities do not change after login; asking Angus's store while a folder is open would make
     * it log in a second connection for the store.
     */
    private boolean hasCapability(String capability) {
        return !hiddenCapabilities.contains(capability) && capabilities.contains(capability);
    }

    /** The message; like {@link #fetch}, a NOOP and a second try for a UID this connection has not seen yet. */
    private static IMAPMessage byUid(IMAPFolder folder, FolderPath path, long uid) throws MessagingException {
        if (uid <= 0 || uid > 0xFFFF_FFFFL) throw new MailStoreException(Reason.NOT_FOUND, "No message " + uid + " in " + path.asString());
        Message m = folder.getMessageByUID(uid);
        if (m == null || m.isExpunged()) { // e.g. a draft another connection of the session appended a moment ago
            folder.doCommand(p -> {
                p.noop();
                return null;
            });
            m = folder.getMessageByUID(uid);
        }
        if (m == null || m.isExpunged()) throw new MailStoreException(Reason.NOT_FOUND, "No message " + uid + " in " + path.asString());
        return (IMAPMessage) m;
    }

    private static MessageSummary summary(IMAPFolder folder, FolderPath path, long uidValidity, IMAPMessage m, @Nullable String preview)
            throws MessagingException, IOException {
        List<EmailAddress> from = Envelopes.addresses(m.getFrom());
        return new MessageSummary(uid(path, uidValidity, folder.getUID(m)), Envelopes.subject(m), from.isEmpty() ? null : from.getFirst(),
                Envelopes.date(m), Math.max(m.getSize(), 0), Envelopes.flags(m.getFlags()), BodyStructures.hasAttachments(BodyStructures.tree(m)),
                preview);
    }

    private static MessageUid uid(FolderPath path, long uidValidity, long uid) {
        return MessageUid.of(path, uidValidity, uid);
    }

    private static MailStoreException failure(String what, Exception e) {
        if (e instanceof MailStoreException m) return m;
        Reason reason = e instanceof FolderClosedException || e instanceof StoreClosedException
                || e instanceof IOException ? Reason.UNAVAILABLE
                : e instanceof FolderNotFoundException ? Reason.NOT_FOUND : Reason.REFUSED;
        return new MailStoreException(reason, what + " (" + e.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ")", e);
    }
}
