package org.vaultmail.audit;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/** What a listener hands to the chain: an entry before it has a sequence number, time and hash. */
record AuditRecord(ActorType actorType, String actorId, String action, @Nullable String target,
                   @Nullable String clientAddress, @Nullable String userAgent, String outcome, Map<String, Object> details) {

    AuditRecord {
        details = new TreeMap<>(details); // sorted keys: one JSON form for the same facts
    }

    static AuditRecord of(ActorType type, String id, String action, @Nullable String target, String outcome) {
        return new AuditRecord(type, id, action, target, null, null, outcome, Map.of());
    }

    AuditRecord client(@Nullable String address, @Nullable String agent) {
        return new AuditRecord(actorType, actorId, action, target, address, agent, outcome, details);
    }

    AuditRecord with(String key, @Nullable Object value) {
        if (value == null) return this;
        Map<String, Object> more = new TreeMap<>(details);
        more.put(key, value);
        return new AuditRecord(actorType, actorId, action, target, clientAddress, userAgent, outcome, more);
    }
}
