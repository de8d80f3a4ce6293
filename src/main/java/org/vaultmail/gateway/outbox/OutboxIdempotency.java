package org.vaultmail.gateway.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.i18n.UserText;

/**
 * {@code Idempotency-Key} with Stripe's semantics (issue 13 item 4, ADR 0037), in {@code outbox_idempotency}, scoped
 * to the key's owner and the mailbox. {@link #claim} runs outside any transaction: its INSERT commits at once, so a
 * parallel request with the same key finds the row (409 while it is {@code processing}). {@link #complete} runs in
 * the transaction that stores the message: the message and the stored answer commit together or not at all, so a
 * crash can neither lose an accepted message nor let a repeat store it a second time.
 */
final class OutboxIdempotency {

    static final int MAX_KEY_LENGTH = 255;
    private static final String PROCESSING = "processing";
    private static final String DONE = "done";

    /** This request owns the key until {@link #complete} or {@link #release}; {@code since} tells a takeover apart. */
    sealed interface Claimed permits Claim, Replay {
    }

    record Claim(long userId, long mailboxId, String key, Instant since) implements Claimed {
        @Override
        public String toString() {
            return "Claim[user=" + userId + ", mailbox=" + mailboxId + "]";
        }
    }

    /** What an earlier request with the same key answered. */
    record Replay(int status, String body) implements Claimed {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OutboxApiProperties properties;

    OutboxIdempotency(JdbcClient jdbc, Clock clock, OutboxApiProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** A key as sent, or a 400 problem when it is empty or longer than 255 characters. */
    static @Nullable String checked(@Nullable String header) {
        if (header == null) return null;
        if (header.isEmpty() || header.length() > MAX_KEY_LENGTH) {
            throw new OutboxProblem(HttpStatus.BAD_REQUEST, "problem.outbox.title.badKey",
                    UserText.of("problem.outbox.badKey", String.valueOf(MAX_KEY_LENGTH)), null);
        }
        return header;
    }

    /**
     * Takes the key for this request (a {@link Claim}) or tells what an earlier one with the same key answered
     * (a replay); throws 422 when that one had a different request, 409 while it is still being processed.
     */
    Claimed claim(long userId, long mailboxId, String key, String requestHash) {
        Instant now = now();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                jdbc.sql("""
                        INSERT INTO outbox_idempotency (user_id, mailbox_id, idem_key, request_hash, state, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                        .params(userId, mailboxId, key, requestHash, PROCESSING, OutboxStore.at(now),
                                OutboxStore.at(now.plus(properties.idempotencyTtl())))
                        .update();
                return new Claim(userId, mailboxId, key, now);
            } catch (DuplicateKeyException taken) {
                Optional<Row> row = row(userId, mailboxId, key);
                if (row.isEmpty()) continue; // expired and deleted in between: try again
                Row r = row.get();
                if (!r.expiresAt().toInstant().isAfter(now)) {
                    // an expired row is gone for every purpose: its key starts afresh (deleted here, not on every
                    // request, so the common path is one INSERT)
                    jdbc.sql("DELETE FROM outbox_idempotency WHERE user_id = ? AND mailbox_id = ? AND idem_key = ? AND expires_at <= ?")
                            .params(userId, mailboxId, key, OutboxStore.at(now)).update();
                    continue;
                }
                if (!r.requestHash().equals(requestHash)) {
                    throw new OutboxProblem(HttpStatus.UNPROCESSABLE_CONTENT, "problem.outbox.title.keyReused",
                            UserText.of("problem.outbox.keyReused", String.valueOf(properties.idempotencyTtl().toHours())), null);
                }
                if (DONE.equals(r.state()) && r.responseStatus() != null && r.responseBody() != null) {
                    return new Replay(r.responseStatus(), r.responseBody());
                }
                if (r.createdAt().toInstant().isBefore(now.minus(properties.idempotencyStale()))
                        && takeOver(userId, mailboxId, key, r.createdAt(), now)) {
                    return new Claim(userId, mailboxId, key, now);
                }
                throw inProgress();
            }
        }
        throw inProgress();
    }

    private static OutboxProblem inProgress() {
        return new OutboxProblem(HttpStatus.CONFLICT, "problem.outbox.title.inProgress", UserText.of("problem.outbox.inProgress"), null);
    }

    /**
     * Stores the answer of the claim's request; call inside the transaction that stores the message. Fails (and so
     * rolls the message back) when the claim was taken over meanwhile.
     */
    void complete(Claim claim, int status, String body) {
        int updated = jdbc.sql("""
                UPDATE outbox_idempotency SET state = ?, response_status = ?, response_body = ?
                WHERE user_id = ? AND mailbox_id = ? AND idem_key = ? AND state = ? AND created_at = ?""")
                .params(DONE, status, body, claim.userId(), claim.mailboxId(), claim.key(), PROCESSING, OutboxStore.at(claim.since()))
                .update();
        if (updated != 1) throw new IllegalStateException("the Idempotency-Key was taken over by another request");
    }

    /** The request failed before anything was stored (a server error): the key is free again. */
    void release(Claim claim) {
        jdbc.sql("""
                DELETE FROM outbox_idempotency
                WHERE user_id = ? AND mailbox_id = ? AND idem_key = ? AND state = ? AND created_at = ?""")
                .params(claim.userId(), claim.mailboxId(), claim.key(), PROCESSING, OutboxStore.at(claim.since()))
                .update();
    }

    /** Forgets keys past their 24 h (the worker's housekeeping or any caller; a stale row is also ignored by claim). */
    int purgeExpired() {
        return jdbc.sql("DELETE FROM outbox_idempotency WHERE expires_at <= ?").param(OutboxStore.at(now())).update();
    }

    private boolean takeOver(long userId, long mailboxId, String key, OffsetDateTime since, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_idempotency SET created_at = ?
                WHERE user_id = ? AND mailbox_id = ? AND idem_key = ? AND state = ? AND created_at = ?""")
                .params(OutboxStore.at(now), userId, mailboxId, key, PROCESSING, since)
                .update() == 1;
    }

    private Optional<Row> row(long userId, long mailboxId, String key) {
        return jdbc.sql("""
                SELECT request_hash, state, response_status, response_body, created_at, expires_at FROM outbox_idempotency
                WHERE user_id = ? AND mailbox_id = ? AND idem_key = ?""")
                .params(userId, mailboxId, key)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)))
                .optional();
    }

    /** Millisecond precision: what both H2 and PostgreSQL keep exactly, so {@code created_at = ?} finds the claim. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private record Row(String requestHash, String state, @Nullable Integer responseStatus, @Nullable String responseBody,
                       OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }
}
