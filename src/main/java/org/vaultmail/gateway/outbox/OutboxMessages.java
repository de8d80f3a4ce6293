package org.vaultmail.gateway.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.i18n.UserText;

/**
 * A user's outbox messages as the API and the outbox page show them (never their content: that stays sealed), and
 * the two changes a user may make: cancel before sending starts, retry a failed or uncertain one. Both are one
 * conditional UPDATE, so they cannot race the delivery worker into a state both think is theirs.
 */
public class OutboxMessages {

    static final int MAX_LIMIT = 200;
    static final int DEFAULT_LIMIT = 50;

    /** One entry of a message's history. */
    public record HistoryEntry(String status, Instant at, @Nullable String detail) {
    }

    /** A message without its content. */
    public record View(String id, String status, String messageId, long mailboxId, @Nullable String mailbox,
                       Instant createdAt, Instant sendAt, int attempts, int recipientCount, @Nullable String metadata,
                       @Nullable Integer replyCode, @Nullable String failureReason, @Nullable String apiKeyPrefix,
                       List<HistoryEntry> history) {
        View withHistory(List<HistoryEntry> entries) {
            return new View(id, status, messageId, mailboxId, mailbox, createdAt, sendAt, attempts, recipientCount,
                    metadata, replyCode, failureReason, apiKeyPrefix, entries);
        }
    }

    /** One page of a list, newest first; {@code next} is the {@code before} of the next page, null on the last. */
    public record Page(List<View> messages, @Nullable String next) {
    }

    /** Who asks for a change: for the history detail ("cancelled by vmk_ab12…") and the audit entry. */
    public record Actor(String label, String address, @Nullable String clientAddress) {
    }

    private static final String COLUMNS = """
            SELECT m.id, m.status, m.message_id, m.mailbox_id, cm.address, m.created_at, m.send_at, m.attempts,
                   m.recipient_count, m.metadata, m.reply_code, m.failure_reason, k.prefix
            FROM outbox_messages m
            LEFT JOIN connected_mailboxes cm ON cm.id = m.mailbox_id
            LEFT JOIN api_keys k ON k.id = m.api_key_id
            """;

    private final JdbcClient jdbc;
    private final OutboxStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OutboxMessages(JdbcClient jdbc, OutboxStore store, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** The user's message with its history; empty for an unknown id or another user's message. */
    public Optional<View> find(long userId, String id) {
        return jdbc.sql(COLUMNS + "WHERE m.id = ? AND m.user_id = ?").params(id, userId).query(OutboxMessages::view)
                .optional().map(v -> v.withHistory(history(id)));
    }

    /** The user's messages, newest first, optionally of one status and one mailbox, {@code limit} after {@code before}. */
    public Page list(long userId, @Nullable OutboxStatus status, @Nullable Long mailboxId, int limit, @Nullable String before) {
        int size = Math.clamp(limit, 1, MAX_LIMIT);
        StringBuilder sql = new StringBuilder(COLUMNS).append("WHERE m.user_id = ?");
        List<Object> params = new ArrayList<>(List.of(userId));
        if (status != null) {
            sql.append(" AND m.status = ?");
            params.add(status.label());
        }
        if (mailboxId != null) {
            sql.append(" AND m.mailbox_id = ?");
            params.add(mailboxId);
        }
        if (before != null) {
            OffsetDateTime cursor = jdbc.sql("SELECT created_at FROM outbox_messages WHERE id = ? AND user_id = ?")
                    .params(before, userId).query(OffsetDateTime.class).optional()
                    .orElseThrow(() -> OutboxProblem.badRequest("before", "problem.outbox.before"));
            sql.append(" AND (m.created_at < ? OR (m.created_at = ? AND m.id < ?))");
            params.addAll(List.of(cursor, cursor, before));
        }
        sql.append(" ORDER BY m.created_at DESC, m.id DESC LIMIT ").append(size + 1);
        List<View> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(OutboxMessages::view).list());
        String next = null;
        if (rows.size() > size) {
            rows = new ArrayList<>(rows.subList(0, size));
            next = rows.getLast().id();
        }
        return new Page(rows, next);
    }

    /**
     * Cancels the user's message while it is queued, scheduled or held and no worker has leased it. {@code maySend}
     * says whether the caller may act on the message's mailbox (an API key's {@code send} grant).
     *
     * @throws OutboxProblem 404 for an unknown or foreign id (or a mailbox the caller may not act on: 403), 409 once
     *                       sending has started or finished
     */
    @Transactional
    public View cancel(long userId, String id, LongPredicate maySend, Actor actor) {
        View current = owned(userId, id, maySend);
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                UPDATE outbox_messages SET status = 'cancelled', updated_at = ?, lease_owner = NULL, lease_until = NULL
                WHERE id = ? AND user_id = ? AND status IN ('queued', 'scheduled', 'held')
                  AND (lease_until IS NULL OR lease_until < ?) AND data_sent_at IS NULL""")
                .params(OutboxStore.at(now), id, userId, OutboxStore.at(now))
                .update();
        if (updated != 1) {
            throw new OutboxProblem(HttpStatus.CONFLICT, "problem.outbox.title.cannotCancel",
                    UserText.of("problem.outbox.cannotCancel", status(id)), null);
        }
        store.history(id, OutboxStatus.CANCELLED, now, "cancelled by " + actor.label());
        return find(userId, current.id()).orElseThrow();
    }

    /**
     * Queues a failed or delivery-uncertain message again (the explicit resend issue 13 item 5 asks for); audited as
     * {@code gateway.message.retried}.
     */
    @Transactional
    public View retry(long userId, String id, LongPredicate maySend, Actor actor) {
        View current = owned(userId, id, maySend);
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                UPDATE outbox_messages SET status = 'queued', next_attempt_at = ?, updated_at = ?, lease_owner = NULL,
                    lease_until = NULL, data_sent_at = NULL, reply_code = NULL, reply_text = NULL, failure_reason = NULL,
                    held_until = NULL
                WHERE id = ? AND user_id = ? AND status IN ('failed', 'delivery_uncertain')""")
                .params(OutboxStore.at(now), OutboxStore.at(now), id, userId)
                .update();
        if (updated != 1) {
            throw new OutboxProblem(HttpStatus.CONFLICT, "problem.outbox.title.cannotRetry",
                    UserText.of("problem.outbox.cannotRetry", status(id)), null);
        }
        store.history(id, OutboxStatus.QUEUED, now, "retried by " + actor.label());
        events.publishEvent(GatewayEvent.byUser("gateway.message.retried", actor.address(), userId, "message:" + id, "success",
                Map.of("previousStatus", current.status(), "mailboxId", current.mailboxId(), "by", actor.label()),
                actor.clientAddress(), null, now));
        return find(userId, id).orElseThrow();
    }

    /** The page's messages with their history (one query for all). */
    public Page withHistory(Page page) {
        if (page.messages().isEmpty()) return page;
        Map<String, List<HistoryEntry>> byMessage = new java.util.HashMap<>();
        String marks = String.join(", ", java.util.Collections.nCopies(page.messages().size(), "?"));
        jdbc.sql("SELECT message_id, status, at, detail FROM outbox_history WHERE message_id IN (" + marks + ") ORDER BY message_id, seq")
                .params(page.messages().stream().map(View::id).toList())
                .query(rs -> {
                    byMessage.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new HistoryEntry(rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)));
                });
        return new Page(page.messages().stream().map(v -> v.withHistory(byMessage.getOrDefault(v.id(), List.of()))).toList(), page.next());
    }

    /** The user's connected mailboxes by id, for the page's filter (all states: old messages name them too). */
    public Map<Long, String> mailboxes(long userId) {
        Map<Long, String> out = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT id, address FROM connected_mailboxes WHERE user_id = ? ORDER BY address").param(userId)
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getString(2));
                });
        return out;
    }

    private View owned(long userId, String id, LongPredicate maySend) {
        View view = jdbc.sql(COLUMNS + "WHERE m.id = ? AND m.user_id = ?").params(id, userId).query(OutboxMessages::view)
                .optional().orElseThrow(OutboxProblem::notFound);
        if (!maySend.test(view.mailboxId())) {
            throw OutboxProblem.forbidden("problem.outbox.messageMailboxNotInKey");
        }
        return view;
    }

    private String status(String id) {
        return jdbc.sql("SELECT status FROM outbox_messages WHERE id = ?").param(id).query(String.class).optional().orElse("gone");
    }

    private List<HistoryEntry> history(String id) {
        return jdbc.sql("SELECT status, at, detail FROM outbox_history WHERE message_id = ? ORDER BY seq").param(id)
                .query((rs, n) -> new HistoryEntry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3)))
                .list();
    }

    private static View view(ResultSet rs, int row) throws SQLException {
        return new View(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getObject(7, OffsetDateTime.class).toInstant(),
                rs.getInt(8), rs.getInt(9), rs.getString(10), (Integer) rs.getObject(11), rs.getString(12),
                rs.getString(13), List.of());
    }
}
