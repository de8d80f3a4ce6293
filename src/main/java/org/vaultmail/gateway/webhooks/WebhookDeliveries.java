package org.vaultmail.gateway.webhooks;

import static org.vaultmail.gateway.webhooks.WebhookEndpoints.at;
import static org.vaultmail.gateway.webhooks.WebhookEndpoints.instant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable queue of webhook deliveries (one row per event and endpoint) and its log of attempts. An attempt is
 * claimed with one conditional update (attempts and due time as read), so two nodes never make the same attempt; the
 * claim moves the due time a lease ahead, so the attempt of a node that died is made again after it.
 */
final class WebhookDeliveries {

    enum Status { PENDING, SUCCEEDED, FAILED, CANCELLED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A delivery waiting for its next attempt, with the due time as read (for the claim). */
    record Due(long id, long endpointId, long userId, String messageId, String type, String payload, int attempts,
               Instant dueAt) {
    }

    /** One line of an endpoint's delivery log: the delivery and its last attempt. No response body is ever kept. */
    public record Logged(long id, String messageId, String type, String status, int attempts, Instant createdAt,
                  @Nullable Integer responseCode, @Nullable Integer durationMs, @Nullable String error,
                  @Nullable Instant lastAttemptAt) {
    }

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues one event for one endpoint, due at {@code now}; false when it is queued already (a republished event). */
    boolean add(long endpointId, long userId, String eventKey, String type, String payload, Instant now) {
        try {
            jdbc.sql("""
                    INSERT INTO webhook_deliveries (endpoint_id, user_id, event_key, message_id, event_type, payload, status,
                                                    attempts, next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)""")
                    .params(endpointId, userId, eventKey, "msg_" + UUID.randomUUID().toString().replace("-", ""), type,
                            payload, at(now), at(now))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Up to {@code limit} pending deliveries due at {@code now} to enabled endpoints, oldest first. */
    List<Due> due(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT d.id, d.endpoint_id, d.user_id, d.message_id, d.event_type, d.payload, d.attempts, d.next_attempt_at
                        FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                        WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND e.disabled_at IS NULL
                        ORDER BY d.next_attempt_at, d.id LIMIT ?""")
                .params(at(now), limit)
                .query((rs, i) -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), Objects.requireNonNull(instant(rs, 8))))
                .list();
    }

    /** Takes the next attempt of {@code due} for this node; false when another node took it first. */
    boolean claim(Due due, Instant leaseUntil) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = ?
                        WHERE id = ? AND attempts = ? AND next_attempt_at = ? AND status = 'pending'""")
                .params(at(leaseUntil), due.id(), due.attempts(), at(due.dueAt()))
                .update() == 1;
    }

    void logAttempt(long deliveryId, int attempt, Instant at, @Nullable Integer responseCode, long durationMs,
                    @Nullable String error) {
        jdbc.sql("""
                INSERT INTO webhook_attempts (delivery_id, attempt, at, response_code, duration_ms, error)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(deliveryId, attempt, at(at), responseCode, (int) Math.min(Integer.MAX_VALUE, durationMs), error)
                .update();
    }

    void finish(long id, Status status, Instant now) {
        jdbc.sql("UPDATE webhook_deliveries SET status = ?, finished_at = ? WHERE id = ?").params(status.label(), at(now), id).update();
    }

    void retryAt(long id, Instant next) {
        jdbc.sql("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending'").params(at(next), id).update();
    }

    /** Cancels what is still waiting for an endpoint that was disabled. */
    int cancelPending(long endpointId, Instant now) {
        return jdbc.sql("UPDATE webhook_deliveries SET status = 'cancelled', finished_at = ? WHERE endpoint_id = ? AND status = 'pending'")
                .params(at(now), endpointId).update();
    }

    /** The endpoint's latest deliveries, newest first. */
    List<Logged> recent(long endpointId, int limit) {
        return jdbc.sql("""
                        SELECT d.id, d.message_id, d.event_type, d.status, d.attempts, d.created_at,
                               a.response_code, a.duration_ms, a.error, a.at
                        FROM webhook_deliveries d
                        LEFT JOIN webhook_attempts a ON a.delivery_id = d.id AND a.attempt = d.attempts
                        WHERE d.endpoint_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT ?""")
                .params(endpointId, limit)
                .query((rs, i) -> new Logged(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        Objects.requireNonNull(instant(rs, 6)), rs.getObject(7, Integer.class),
                        rs.getObject(8, Integer.class), rs.getString(9), instant(rs, 10)))
                .list();
    }

    /** Deletes finished deliveries (and their attempts) finished before {@code before}. */
    int purgeFinished(Instant before) {
        return jdbc.sql("DELETE FROM webhook_deliveries WHERE finished_at IS NOT NULL AND finished_at < ?").param(at(before)).update();
    }
}
