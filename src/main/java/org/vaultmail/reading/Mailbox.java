package org.vaultmail.reading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.fairshare.PerUserCache;
import org.vaultmail.mail.EmailAddress;
import org.vaultmail.mail.FolderInfo;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.FolderRole;
import org.vaultmail.mail.MailConnections;
import org.vaultmail.mail.MailStore;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.MessagePage;
import org.vaultmail.mail.MessageSummary;
import org.vaultmail.mail.MessagePart;
import org.vaultmail.mail.SearchQuery;
import org.vaultmail.mail.SearchResults;
import org.vaultmail.mail.Sort;

/**
 * The signed-in user's mailbox: every call runs on one of the session's pooled IMAP connections
 * ({@link MailConnections}), which unseals the session's credentials only when it must open a connection.
 * The UI and the JSON API both use this service, so they cannot disagree.
 */
@Service
public class Mailbox {

    /** Largest page a client may ask for. */
    public static final int MAX_PAGE = 200;

    /** Sessions whose folder names are remembered, per user and in all. */
    private static final int KNOWN_SESSIONS_PER_USER = 16;
    private static final int KNOWN_SESSIONS = 10_000;

    private final SessionStores stores;
    private final MessageRenderer renderer;
    private final RemoteContentSenders trustedSenders;
    /**
     * Folder paths by name per session, to learn each folder's hierarchy delimiter without a round trip. Bounded per
     * user (least recently used out: a session that expires instead of being revoked never says goodbye), so one
     * user's many sessions never push out anyone else's (ADR 0029).
     */
    private final PerUserCache<String, KnownFolders> knownFolders =
            PerUserCache.counting(KNOWN_SESSIONS_PER_USER, KNOWN_SESSIONS);

    private final ApplicationEventPublisher events;

    Mailbox(SessionStores stores, MessageRenderer renderer, RemoteContentSenders trustedSenders, ApplicationEventPublisher events) {
        this.events = events;
        this.stores = stores;
        this.renderer = renderer;
        this.trustedSenders = trustedSenders;
    }

    /** What the last folder list of a session said: paths by full name, and the selectable folder of each role. */
    private record KnownFolders(Map<String, FolderPath> byName, Map<FolderRole, FolderPath> byRole) {

        static KnownFolders of(List<FolderInfo> folders) {
            Map<String, FolderPath> byName = new HashMap<>();
            Map<FolderRole, FolderPath> byRole = new EnumMap<>(FolderRole.class);
            for (FolderInfo f : folders) {
                byName.put(f.path().asString(), f.path());
                if (f.role() != null && f.selectable()) byRole.putIfAbsent(f.role(), f.path());
            }
            return new KnownFolders(Map.copyOf(byName), Map.copyOf(byRole));
        }
    }

    /** Every folder with its role and counts. */
    public List<FolderInfo> folders(AuthenticatedSession me) {
        List<FolderInfo> folders = withStore(me, MailStore::folders);
        knownFolders.put(me.userId(), me.sessionId(), KnownFolders.of(folders));
        return folders;
    }

    /**
     * The user's selectable folder with this role (Drafts, Sent, Trash, …: SPECIAL-USE, else the well-known names), if
     * any. The one place a role is looked up: it costs a LIST (with STATUS) only when this session has not listed its
     * folders yet; every folder list (each page's folder pane) refreshes it.
     */
    public Optional<FolderPath> folderWithRole(AuthenticatedSession me, FolderRole role) {
        KnownFolders known = knownFolders.get(me.userId(), me.sessionId());
        if (known == null) {
            folders(me);
            known = knownFolders.get(me.userId(), me.sessionId());
        }
        return known == null ? Optional.empty() : Optional.ofNullable(known.byRole().get(role));
    }

    /**
     * The folder with this full path (as the API and URLs carry it); {@code NOT_FOUND} when the user has none.
     * Costs a LIST only the first time per session or for a folder not seen before.
     */
    public FolderPath folder(AuthenticatedSession me, String path) {
        String key = path.equalsIgnoreCase("INBOX") ? "INBOX" : path;
        KnownFolders known = knownFolders.get(me.userId(), me.sessionId());
        FolderPath found = known == null ? null : known.byName().get(key);
        if (found != null) return found;
        folders(me);
        known = knownFolders.get(me.userId(), me.sessionId());
        found = known == null ? null : known.byName().get(key);
        if (found == null) throw new MailStoreException(Reason.NOT_FOUND, "There is no folder " + path);
        return found;
    }

    /** A page of a folder, or of the messages in it that match {@code query} (when not null). */
    public MessagePage list(AuthenticatedSession me, FolderPath folder, int offset, int limit, Sort sort, boolean descending,
                            @Nullable SearchQuery query) {
        int safeOffset = Math.max(0, offset);
        int safeLimit = Math.clamp(limit, 1, MAX_PAGE);
        if (query == null) return withStore(me, s -> s.list(folder, safeOffset, safeLimit, sort, descending));
        return withStore(me, s -> s.list(folder, safeOffset, safeLimit, sort, descending, query));
    }

    /** The list rows of these messages (at most {@link #MAX_PAGE}), in the order asked; those gone are left out. */
    public List<MessageSummary> rows(AuthenticatedSession me, FolderPath folder, List<Long> uids) {
        List<Long> asked = uids.stream().distinct().limit(MAX_PAGE).toList();
        return withStore(me, s -> s.summaries(folder, asked));
    }

    /** The newest {@code limit} messages in any folder that match {@code query}, and how many match in all. */
    public SearchResults searchAll(AuthenticatedSession me, SearchQuery query, int limit) {
        int safeLimit = Math.clamp(limit, 1, MAX_PAGE);
        return withStore(me, s -> s.searchAll(query, safeLimit));
    }

    /** One message rendered for display; remote content is shown when asked for or when the sender is trusted. */
    public MessageView read(AuthenticatedSession me, FolderPath folder, long uid, boolean showRemoteContent) {
        MessageView view = withStore(me, s -> renderer.render(s, me.userId(), me.sessionId(), folder, uid,
                sender -> showRemoteContent || trustedSenders.isTrusted(me.userId(), sender)));
        List<EmailAddress> people = new java.util.ArrayList<>(view.detail().from());
        people.addAll(view.detail().to());
        people.addAll(view.detail().cc());
        events.publishEvent(new MessageOpened(me.userId(), me.address(), people));
        return view;
    }

    /**
     * A message to quote in a reply or forward: rendered like the reading view but with every resource of its HTML
     * dropped (nothing for the recipient to fetch), plus the two header fields a reply needs; the raw message is not
     * downloaded. Does not count as opening the message.
     */
    public QuotedMessage quote(AuthenticatedSession me, FolderPath folder, long uid) {
        return withStore(me, s -> {
            MessageView view = renderer.forQuote(s, folder, uid);
            return QuotedMessage.of(view, s.header(folder, uid, QuotedMessage.HEADER_LIMIT));
        });
    }

    /** Streams one part (transfer-decoded) to {@code sink} while the connection is held. */
    public <T> T part(AuthenticatedSession me, FolderPath folder, long uid, String partId, PartSink<T> sink) {
        return withStore(me, s -> {
            MessagePart part = MessageParts.find(s.message(folder, uid).body(), partId)
                    .filter(p -> !p.contentType().startsWith("multipart/"))
                    .orElseThrow(() -> new MailStoreException(Reason.NOT_FOUND, "Message " + uid + " has no part " + partId));
            try (InputStream in = s.part(folder, uid, partId)) {
                return sink.accept(part, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Streams the raw message to {@code sink} while the connection is held. */
    public <T> T source(AuthenticatedSession me, FolderPath folder, long uid, Function<InputStream, T> sink) {
        return withStore(me, s -> {
            try (InputStream in = s.source(folder, uid)) {
                return sink.apply(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Sets or clears flags on messages of one folder. */
    public void setFlags(AuthenticatedSession me, FolderPath folder, List<Long> uids, Set<MessageFlag> flags, boolean value) {
        withStore(me, s -> {
            s.setFlags(folder, uids, flags, value);
            return null;
        });
    }

    /** Remote content of mail from {@code sender} is shown without asking, from now on; audited when it was not already so. */
    public void trustSender(AuthenticatedSession me, String sender) {
        if (trustedSenders.trust(me.userId(), sender)) senderChanged(me, sender, true);
    }

    public void distrustSender(AuthenticatedSession me, String sender) {
        if (trustedSenders.distrust(me.userId(), sender)) senderChanged(me, sender, false);
    }

    private void senderChanged(AuthenticatedSession me, String sender, boolean trusted) {
        events.publishEvent(new RemoteContentSenderChanged(me.userId(), me.address(), me.sessionId(),
                RemoteContentSenders.normalise(sender), trusted));
    }

    public List<String> trustedSenders(AuthenticatedSession me) {
        return trustedSenders.list(me.userId());
    }

    /** Runs {@code work} on one of this session's IMAP connections (changes go through {@link MailboxChanges}). */
    private <T> T withStore(AuthenticatedSession me, Function<MailStore, T> work) {
        return stores.run(me, work);
    }

    /** Forgets per-session state (the folder names) when a session ends. */
    @EventListener
    void on(SessionRevoked ended) {
        knownFolders.remove(ended.userId(), ended.sessionId());
    }

    /** Receives a part's metadata and decoded content while the IMAP connection is held. */
    @FunctionalInterface
    public interface PartSink<T> {
        T accept(MessagePart part, InputStream content) throws IOException;
    }
}
