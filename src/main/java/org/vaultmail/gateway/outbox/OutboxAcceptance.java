package org.vaultmail.gateway.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting a message: {@link OutboxStore#enqueue} and, with an Idempotency-Key, the stored answer, in one
 * transaction. The API answers 202 only after this returns, that is after the commit (G11).
 */
public class OutboxAcceptance {

    /** The 202's body. */
    record Accepted(String id, String status, String messageId, String json) {
    }

    private final OutboxStore store;
    private final OutboxIdempotency idempotency;
    private final JsonMapper json;

    OutboxAcceptance(OutboxStore store, OutboxIdempotency idempotency, JsonMapper json) {
        this.store = store;
        this.idempotency = idempotency;
        this.json = json;
    }

    @Transactional
    public Accepted accept(OutboxStore.NewMessage message, OutboxContent content, OutboxIdempotency.@Nullable Claim claim) {
        OutboxStore.Enqueued enqueued = store.store(message, content); // in this transaction
        String id = enqueued.id();
        String status = enqueued.status().label();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", status);
        body.put("messageId", message.messageId());
        String text = json.writeValueAsString(body);
        if (claim != null) idempotency.complete(claim, 202, text);
        return new Accepted(id, status, message.messageId(), text);
    }
}
