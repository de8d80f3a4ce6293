package org.vaultmail.gateway.apikeys;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.gateway.GatewayEvent;

/**
 * What a key's use leaves behind, throttled per node so that a busy or hostile client costs no write per request:
 * the last used time and address at most once per {@link #RECORD_EVERY} per key (the list may lag by that much), and
 * the audit entry of a refused (revoked, expired, disabled) key at most once per {@link #AUDIT_REFUSED_EVERY} per key,
 * so a flood with a dead key cannot bloat the audit log. Both maps hold only ids of keys that exist.
 */
final class ApiKeyUses {

    static final Duration RECORD_EVERY = Duration.ofSeconds(30);
    static final Duration AUDIT_REFUSED_EVERY = Duration.ofMinutes(1);
    /** Beyond this many keys, the maps start again (memory stays bounded; at worst one extra write per key). */
    private static final int MAX_KEYS = 100_000;

    private final ApiKeyStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<Long, Long> lastRecorded = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastRefusalAudited = new ConcurrentHashMap<>();

    ApiKeyUses(ApiKeyStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    void used(long keyId, String from) {
        if (due(lastRecorded, keyId, RECORD_EVERY)) store.recordUse(keyId, clock.instant(), from);
    }

    void refused(ApiKeyStore.Found key, String reason, String from) {
        if (!due(lastRefusalAudited, key.id(), AUDIT_REFUSED_EVERY)) return;
        events.publishEvent(GatewayEvent.byUser("gateway.apikey.refused", key.ownerAddress(), key.userId(), "apikey:" + key.id(),
                "refused", Map.of("id", key.id(), "prefix", key.prefix(), "reason", reason), from, null, clock.instant()));
    }

    /** Whether {@code every} passed since the last time for this key (then that time is now), by the node's monotonic clock. */
    private static boolean due(Map<Long, Long> last, long keyId, Duration every) {
        if (last.size() > MAX_KEYS) last.clear();
        long now = System.nanoTime();
        boolean[] due = {false};
        last.compute(keyId, (id, then) -> {
            if (then == null || now - then >= every.toNanos()) {
                due[0] = true;
                return now;
            }
            return then;
        });
        return due[0];
    }
}
