package org.vaultmail.organise;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vaultmail.fairshare.PerUserCache;
import org.vaultmail.mail.FolderPath;

/**
 * What a move or delete would take to reverse: the messages' new UIDs in the folder they went to and the folder they
 * came from. In memory, per session, for {@link #TTL}; a token is used once. An undo after the destination's
 * UIDVALIDITY changed would move other messages, so the UIDVALIDITY is kept and checked. Bounded per user
 * ({@link #MAX_PER_USER}, their oldest out): one user's flood of moves never costs anyone else their undo (ADR 0029).
 */
@Component
class UndoLog {

    static final Duration TTL = Duration.ofMinutes(10);
    /** Undos kept per user; more than anyone clicks "undo" on within {@link #TTL}. */
    static final int MAX_PER_USER = 200;
    static final int MAX_ENTRIES = 20_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PerUserCache<String, Entry> entries = PerUserCache.counting(MAX_PER_USER, MAX_ENTRIES);
    private final Clock clock;

    UndoLog(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record Entry(String sessionId, FolderPath now, long uidValidity, List<Long> uids, FolderPath back, Instant expires) {
    }

    String remember(long userId, String sessionId, FolderPath now, long uidValidity, List<Long> uids, FolderPath back) {
        Instant at = clock.instant();
        entries.removeIf(userId, (token, e) -> e.expires().isBefore(at));
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        entries.put(userId, token, new Entry(sessionId, now, uidValidity, List.copyOf(uids), back, at.plus(TTL)));
        return token;
    }

    /** The entry for this session's token, removed (an undo happens once). */
    Optional<Entry> take(long userId, String sessionId, String token) {
        Entry entry = entries.get(userId, token);
        if (entry == null || !entry.sessionId().equals(sessionId) || entry.expires().isBefore(clock.instant())) return Optional.empty();
        return Optional.ofNullable(entries.remove(userId, token));
    }

    void forget(long userId, String sessionId) {
        entries.removeIf(userId, (token, e) -> e.sessionId().equals(sessionId));
    }

    int size() {
        return entries.size();
    }
}
