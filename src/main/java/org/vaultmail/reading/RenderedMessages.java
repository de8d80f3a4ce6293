package org.vaultmail.reading;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.fairshare.PerUserCache;
import org.vaultmail.mail.MessageUid;

/**
 * Messages this node rendered lately, per session: a message's content never changes for its folder,
 * UIDVALIDITY and UID, so going back to one skips fetching, decoding and sanitising its bodies (its
 * headers and flags are still fetched fresh, one IMAP command). Bounded in size per user ({@link #MAX_USER_CHARS})
 * and in all ({@link #MAX_CHARS}), so one user reading a lot never pushes out anyone else's (ADR 0029); a
 * session's entries go when it ends. In memory only, like every message while it is being shown.
 */
@Component
class RenderedMessages {

    /** Characters kept in all (text + HTML), about 32 MB of heap. */
    static final long MAX_CHARS = 16L * 1024 * 1024;
    /** Characters kept per user: a quarter of the whole, dozens of ordinary messages. */
    static final long MAX_USER_CHARS = MAX_CHARS / 4;
    /** Larger renderings are not kept: one would push out dozens of others. */
    static final long MAX_ENTRY_CHARS = 512L * 1024;

    record Key(String sessionId, MessageUid message, boolean remoteShown) {
    }

    private final PerUserCache<Key, MessageView> views = new PerUserCache<>(MAX_USER_CHARS, MAX_CHARS, RenderedMessages::size);

    @Nullable MessageView get(long userId, Key key) {
        return views.get(userId, key);
    }

    void put(long userId, Key key, MessageView view) {
        if (size(view) > MAX_ENTRY_CHARS) return;
        views.put(userId, key, view);
    }

    int size() {
        return views.size();
    }

    @EventListener
    void on(SessionRevoked ended) {
        views.removeIf(ended.userId(), (key, view) -> key.sessionId().equals(ended.sessionId()));
    }

    private static long size(MessageView view) {
        return (view.text() == null ? 0 : view.text().length()) + (view.html() == null ? 0 : view.html().length()) + 256;
    }
}
