package org.vaultmail.gateway.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;

/**
 * The outbox's rows. {@link #enqueue} writes a message, its sealed content and its first history entry in one
 * transaction: once it returns, the message is durable (G11) and the API may answer 202.
 */
public class OutboxStore {

    /** Registered as a bean so that {@code keys status/rewrap/retire} cover the queued messages. */
    public static final SealedColumn CONTENT = new SealedColumn("outbox_messages", "id", "content", "content_key_id",
            "user_id", Purpose.MESSAGES);

    /** What {@link #enqueue} needs besides the content. */
    public record NewMessage(long userId, long mailboxId, @Nullable Long apiKeyId, String messageId, Instant sendAt,
                             @Nullable String metadata) {
    }

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;

    public OutboxStore(JdbcClient jdbc, Vault vault, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    /** What {@link #store} wrote: the new message's id and its first status. */
    public record Enqueued(String id, OutboxStatus status) {
    }

    /** Stores a message for the worker: {@code queued}, or {@code scheduled} when {@code sendAt} is in the future. */
    @Transactional
    public String enqueue(NewMessage message, OutboxContent content) {
        return store(message, content).id();
    }

    /**
     * {@link #enqueue}, also telling the status it wrote (so the API answers without reading the row back). Not
     * transactional itself: the caller's transaction (or the JDBC default) must cover both INSERTs.
     */
    Enqueued store(NewMessage message, OutboxContent content) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        OutboxStatus status = message.sendAt().isAfter(now) ? OutboxStatus.SCHEDULED : OutboxStatus.QUEUED;
        Sealed sealed;
        try (Secret plain = content.encode()) {
            sealed = vault.seal(Purpose.MESSAGES, CONTENT.location(id, message.userId()), plain);
        }
        jdbc.sql("""
                INSERT INTO outbox_messages (id, user_id, mailbox_id, api_key_id, status, message_id, content, content_key_id,
                    size_bytes, recipient_count, metadata, created_at, send_at, next_attempt_at, attempts, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""")
                .params(id, message.userId(), message.mailboxId(), message.apiKeyId(), status.label(), message.messageId(),
                        sealed.ciphertext(), sealed.keyId(), (long) content.mime().length, content.recipients().size(),
                        message.metadata(), at(now), at(message.sendAt()), at(message.sendAt()), at(now))
                .update();
        // a new message's first entry: seq 1, no MAX(seq) look-up
        jdbc.sql("INSERT INTO outbox_history (message_id, seq, status, at, detail) VALUES (?, 1, ?, ?, NULL)")
                .params(id, status.label(), at(now)).update();
        return new Enqueued(id, status);
    }

    /** Appends a history entry (the next sequence number for this message). */
    public void history(String id, OutboxStatus status, Instant at, @Nullable String detail) {
        jdbc.sql("""
                INSERT INTO outbox_history (message_id, seq, status, at, detail)
                SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM outbox_history WHERE message_id = ?""")
                .params(id, status.label(), at(at), detail, id)
                .update();
    }

    /** Opens a message's content (the worker, for the length of one delivery attempt); the caller wipes nothing else. */
    public OutboxContent open(String id, long userId, byte[] ciphertext) {
        try (Secret plain = vault.unseal(Purpose.MESSAGES, CONTENT.location(id, userId), ciphertext)) {
            return OutboxContent.decode(plain);
        }
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
