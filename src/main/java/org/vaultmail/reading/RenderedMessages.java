package org.vaultmail.reading;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.mail.MessageUid;

/**
 * Messages this node rendered lately, per session: a message's content never changes for its folder,
 * UIDVALIDITY and UID, so going back to one skips fetching, decoding and sanitising its bodies (its
 * headers and flags are still fetched fresh, one IMAP command). Bounded by size across all sessions; a
 * session's entries go when it ends. In memory only, like every message while it is being shown.
 */
@Component
class RenderedMessages {

    /** Characters kept in all (text + HTML), about 32 MB of heap. */
    static final long MAX_CHARS = 16L * 1024 * 1024;
    /** Larger renderings are not kept: one would push out dozens of others. */
    static final long MAX_ENTRY_CHARS = 512L * 1024;

    record Key(String sessionId, MessageUid message, boolean remoteShown) {
    }

    private final Map<Key, MessageView> views = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    synchronized @Nullable MessageView get(Key key) {
        return views.get(key);
    }

    synchronized void put(Key key, MessageView view) {
        long size = size(view);
        if (size > MAX_ENTRY_CHARS) return;
        MessageView old = views.put(key, view);
        if (old != null) chars -= size(old);
        chars += size;
        Iterator<MessageView> eldest = views.values().iterator();
        while (chars > MAX_CHARS && eldest.hasNext()) {
            chars -= size(eldest.next());
            eldest.remove();
        }
    }

    synchronized int size() {
        return views.size();
    }

    @EventListener
    synchronized void on(SessionRevoked ended) {
        Iterator<Map.Entry<Key, MessageView>> it = views.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, MessageView> e = it.next();
            if (e.getKey().sessionId().equals(ended.sessionId())) {
                chars -= size(e.getValue());
                it.remove();
            }
        }
    }

    private static long size(MessageView view) {
        return (view.text() == null ? 0 : view.text().length()) + (view.html() == null ? 0 : view.html().length()) + 256;
    }
}
