package org.vaultmail.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table of notifications waiting to be delivered. An attempt is claimed with one conditional update
 * (attempts and due time as read), so two nodes never send the same attempt; the claim moves the due time
 * a lease ahead, so the attempt of a node that died is made again after it.
 */
final class NotificationOutbox {

    private final JdbcClient jdbc;

    NotificationOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues {@code n} due at once; false when it is already queued or done (a republished event). */
    boolean add(Notice n, Instant now) {
        try {
            jdbc.sql("""
                    INSERT INTO notification_outbox (id, kind, user_id, recipient, operator, operator_client, occurred_at,
                                                     attempts, next_attempt_at, about)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                    .params(n.id().toString(), n.kind().name(), n.userId(), n.recipient(), n.operator(), n.operatorClient(),
                            at(n.occurredAt()), at(now), n.about())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Up to {@code limit} notifications due at {@code now}, oldest first. */
    List<Due> due(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT id, kind, user_id, recipient, operator, operator_client, occurred_at, attempts, next_attempt_at, about
                        FROM notification_outbox WHERE done_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?""")
                .params(at(now), limit)
                .query((rs, i) -> new Due(new Notice(UUID.fromString(rs.getString(1)), Notice.Kind.valueOf(rs.getString(2)),
                        rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getInt(8), rs.getString(10)),
                        rs.getObject(9, OffsetDateTime.class).toInstant()))
                .list();
    }

    Optional<Due> find(UUID id) {
        return jdbc.sql("""
                        SELECT id, kind, user_id, recipient, operator, operator_client, occurred_at, attempts, next_attempt_at, about
                        FROM notification_outbox WHERE id = ? AND done_at IS NULL""")
                .param(id.toString())
                .query((rs, i) -> new Due(new Notice(UUID.fromString(rs.getString(1)), Notice.Kind.valueOf(rs.getString(2)),
                        rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getInt(8), rs.getString(10)),
                        rs.getObject(9, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Takes the next attempt of {@code due} for this node; false when another node took it first. */
    boolean claim(Due due, Instant leaseUntil) {
        return jdbc.sql("""
                        UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = ?
                        WHERE id = ? AND attempts = ? AND next_attempt_at = ? AND done_at IS NULL""")
                .params(at(leaseUntil), due.notice().id().toString(), due.notice().attempts(), at(due.dueAt()))
                .update() == 1;
    }

    /** Ends the notification ({@code sent} or {@code failed}); the row stays until {@link #purgeDone}. */
    void done(UUID id, String outcome, Instant now) {
        jdbc.sql("UPDATE notification_outbox SET done_at = ?, outcome = ? WHERE id = ?").params(at(now), outcome, id.toString()).update();
    }

    /** Deletes ended notifications older than {@code before}; how many. */
    int purgeDone(Instant before) {
        return jdbc.sql("DELETE FROM notification_outbox WHERE done_at < ?").param(at(before)).update();
    }

    void retryAt(UUID id, Instant next, String error) {
        jdbc.sql("UPDATE notification_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(at(next), error, id.toString()).update();
    }

    /** A queued notification and when its next attempt is due (as read, for the claim). */
    record Due(Notice notice, Instant dueAt) {
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
