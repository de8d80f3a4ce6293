package org.vaultmail.webmail;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Hands the body just rendered for the reading pane to the frame request that follows it, so opening a message
 * fetches its body from IMAP once, not twice. One-shot, per session, at most {@value #MAX} bodies for
 * {@link #TTL}; a miss (reload, expiry) simply renders again.
 */
@Component
class FrameHandoff {

    static final int MAX = 32;
    static final Duration TTL = Duration.ofSeconds(30);

    private record Held(FrameBody body, Instant at) {
    }

    private final Map<String, Held> entries = new LinkedHashMap<>(MAX, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
            return size() > MAX;
        }
    };

    synchronized void put(String sessionId, String folder, long uid, boolean remote, FrameBody body) {
        entries.put(key(sessionId, folder, uid, remote), new Held(body, Instant.now()));
    }

    synchronized Optional<FrameBody> take(String sessionId, String folder, long uid, boolean remote) {
        Held e = entries.remove(key(sessionId, folder, uid, remote));
        if (e == null || e.at().plus(TTL).isBefore(Instant.now())) return Optional.empty();
        return Optional.of(e.body());
    }

    private static String key(String sessionId, String folder, long uid, boolean remote) {
        return sessionId + '\n' + folder + '\n' + uid + '\n' + remote;
    }
}
