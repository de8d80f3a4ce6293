package org.vaultmail.gateway.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final JdbcClient jdbc;
    private final JsonMapper json;

    OutboxAcceptance(OutboxStore store, OutboxIdempotency idempotency, JdbcClient jdbc, JsonMapper json) {
        this.store = store;
        this.idempotency = idempotency;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    public Accepted accept(OutboxStore.NewMessage message, OutboxContent content, OutboxIdempotency.@Nullable Claim claim) {
        String id = store.enqueue(message, content);
        String status = jdbc.sql("SELECT status FROM outbox_messages WHERE id = ?").param(id).query(String.class).single();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", status);
        body.put("messageId", message.messageId());
        String text = json.writeValueAsString(body);
        if (claim != null) idempotency.complete(claim, 202, text);
        return new Accepted(id, status, message.messageId(), text);
    }
}
