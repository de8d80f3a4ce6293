package org.vaultmail.webmail;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.vaultmail.fairshare.PerUserCache;

/**
 * Hands the body just rendered for the reading pane to the frame request that follows it, so opening a message
 * fetches its body from IMAP once, not twice. One-shot, per session, at most {@value #MAX_PER_USER} bodies per user
 * (their oldest out, never anyone else's: ADR 0029) and {@value #MAX} in all, for {@link #TTL}; a miss (reload,
 * expiry) simply renders again.
 */
@Component
class FrameHandoff {

    static final int MAX_PER_USER = 8;
    static final int MAX = 64;
    static final Duration TTL = Duration.ofSeconds(30);

    private record Held(FrameBody body, Instant at) {
    }

    private final PerUserCache<String, Held> entries = PerUserCache.counting(MAX_PER_USER, MAX);

    void put(long userId, String sessionId, String folder, long uid, boolean remote, FrameBody body) {
        entries.put(userId, key(sessionId, folder, uid, remote), new Held(body, Instant.now()));
    }

    Optional<FrameBody> take(long userId, String sessionId, String folder, long uid, boolean remote) {
        Held e = entries.remove(userId, key(sessionId, folder, uid, remote));
        if (e == null || e.at().plus(TTL).isBefore(Instant.now())) return Optional.empty();
        return Optional.of(e.body());
    }

    private static String key(String sessionId, String folder, long uid, boolean remote) {
        return sessionId + '\n' + folder + '\n' + uid + '\n' + remote;
    }
}
