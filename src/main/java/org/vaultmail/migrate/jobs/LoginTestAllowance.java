package org.vaultmail.migrate.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each "test connection" is a password guess at a mail server: a requester has {@code perHour} of them on this node
 * (each job creation tests two logins). Beyond, creation is refused {@code busy} before anything reaches a server.
 */
final class LoginTestAllowance {

    private record Window(Instant start, int used) {
    }

    private final int perHour;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    LoginTestAllowance(int perHour, Clock clock) {
        this.perHour = perHour;
        this.clock = clock;
    }

    boolean take(String requester, int tests) {
        if (perHour <= 0) return true;
        Instant now = clock.instant();
        Window w = windows.compute(requester, (k, old) -> old == null || !now.isBefore(old.start().plus(Duration.ofHours(1)))
                ? new Window(now, tests) : new Window(old.start(), old.used() + tests));
        if (windows.size() > 100_000) windows.values().removeIf(old -> now.isAfter(old.start().plus(Duration.ofHours(1))));
        return w.used() <= perHour;
    }
}
