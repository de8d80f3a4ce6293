package org.vaultmail.organise;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vaultmail.mail.FolderPath;

/**
 * What a move or delete would take to reverse: the messages' new UIDs in the folder they went to and the folder they
 * came from. In memory, per session, for {@link #TTL}; a token is used once. An undo after the destination's
 * UIDVALIDITY changed would move other messages, so the UIDVALIDITY is kept and checked.
 */
@Component
class UndoLog {

    static final Duration TTL = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 20_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    UndoLog(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record Entry(String sessionId, FolderPath now, long uidValidity, List<Long> uids, FolderPath back, Instant expires) {
    }

    String remember(String sessionId, FolderPath now, long uidValidity, List<Long> uids, FolderPath back) {
        purge();
        if (entries.size() >= MAX_ENTRIES) entries.clear(); // a flood: undo is a convenience, memory is not
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        entries.put(token, new Entry(sessionId, now, uidValidity, List.copyOf(uids), back, clock.instant().plus(TTL)));
        return token;
    }

    /** The entry for this session's token, removed (an undo happens once). */
    Optional<Entry> take(String sessionId, String token) {
        Entry entry = entries.get(token);
        if (entry == null || !entry.sessionId().equals(sessionId) || entry.expires().isBefore(clock.instant())) return Optional.empty();
        return Optional.ofNullable(entries.remove(token));
    }

    void forget(String sessionId) {
        entries.values().removeIf(e -> e.sessionId().equals(sessionId));
    }

    private void purge() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> e.expires().isBefore(now));
    }
}
