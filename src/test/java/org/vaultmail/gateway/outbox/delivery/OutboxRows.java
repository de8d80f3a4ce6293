package org.vaultmail.gateway.outbox.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.gateway.outbox.OutboxContent;
import org.vaultmail.gateway.outbox.OutboxStore;

/** Test messages for the outbox (what the POST API will enqueue) and reading their rows back. */
final class OutboxRows {

    /** A message as the test sees it: the API id and the Message-ID the server will see. */
    record Queued(String id, String messageId) {
    }

    private OutboxRows() {
    }

    static Queued enqueue(OutboxStore store, long mailboxId, String from, List<String> to, String body, Instant sendAt) {
        String messageId = UUID.randomUUID() + "@vaultmail.test";
        String mime = "From: " + from + "\r\nTo: " + String.join(", ", to) + "\r\nSubject: outbox test\r\nMessage-ID: <"
                + messageId + ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n"
                + ".leading dot line\r\n";
        String id = store.enqueue(new OutboxStore.NewMessage(TestMailboxes.USER, mailboxId, null, messageId, sendAt, null),
                new OutboxContent(from, to, mime.getBytes(StandardCharsets.UTF_8)));
        return new Queued(id, messageId);
    }

    static Map<String, Object> row(JdbcTemplate jdbc, String id) {
        return jdbc.queryForMap("""
                SELECT status, attempts, reply_code, reply_text, failure_reason, data_sent_at, next_attempt_at, held_until,
                       lease_owner FROM outbox_messages WHERE id = ?""", id);
    }

    static String status(JdbcTemplate jdbc, String id) {
        return jdbc.queryForObject("SELECT status FROM outbox_messages WHERE id = ?", String.class, id);
    }

    static List<String> history(JdbcTemplate jdbc, String id) {
        return jdbc.queryForList("SELECT status || ': ' || COALESCE(detail, '') FROM outbox_history WHERE message_id = ? ORDER BY seq",
                String.class, id);
    }
}
