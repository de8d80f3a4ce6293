package org.vaultmail.audit;

import java.time.Instant;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * One stored entry of the chain. {@code details} is a JSON object of non-secret facts;
 * {@code hash} = HMAC-SHA-256(audit key {@code macKey}, canonical form ‖ {@code prevHash}).
 */
public record AuditEntry(long seq, Instant time, ActorType actorType, String actorId, String action,
                         @Nullable String target, @Nullable String clientAddress, @Nullable String userAgent,
                         String outcome, String details, long macKey, byte[] prevHash, byte[] hash) {

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    public String prevHashHex() {
        return HexFormat.of().formatHex(prevHash);
    }

    @Override
    public String toString() {
        return "AuditEntry[" + seq + " " + time + " " + actorType.label() + ":" + actorId + " " + action + " " + outcome + "]";
    }
}
