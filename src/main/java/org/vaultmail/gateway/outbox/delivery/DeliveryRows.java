package org.vaultmail.gateway.outbox.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's state machine as conditional UPDATEs (STYLE #16). Each method is one transition and answers whether
 * it happened: a transition that found the row in another state (another node, a sweep, a cancel) changes nothing.
 * The caller runs each in its own committed transaction and appends the history entry in the same one.
 *
 * <pre>
 * queued|scheduled --claim--> sending --markDataSent--> sending(data_sent_at) --sent--> sent
 *                              |  \--temporary--> queued (backoff)   \--lease ran out--> delivery_uncertain
 *                              |--permanent--> failed   --auth refused--> held --reauthenticated--> queued
 *                              \--lease ran out before DATA--> queued           \--hold ran out--> failed
 * </pre>
 */
class DeliveryRows {

    /** A message that may be due (as read; the claim decides). */
    record Candidate(String id, long userId, long mailboxId) {
    }

    /** A claimed message: what one attempt needs. */
    record Claimed(String id, long userId, long mailboxId, String messageId, byte[] sealedContent, int attempts) {
    }

    /** A message whose lease ran out, as read. */
    record Expired(String id, long userId, long mailboxId, String messageId, boolean dataSent) {
    }

    private final JdbcClient jdbc;

    DeliveryRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Candidate> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id, user_id, mailbox_id FROM outbox_messages
                 WHERE status IN ('queued', 'scheduled') AND next_attempt_at <= ?
                   AND NOT EXISTS (SELECT 1 FROM gateway_user_access a WHERE a.user_id = outbox_messages.user_id)
                 ORDER BY next_attempt_at, created_at LIMIT ?""")
                .params(at(now), limit)
                .query((rs, n) -> new Candidate(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /**
     * queued|scheduled → sending under this node's lease, unless an operator switched the owner's API access off
     * (their mail waits, queued, until it is on again: ADR 0040); a new attempt starts with no DATA mark and no reply.
     */
    boolean claim(String id, String node, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE outbox_messages SET status = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1,
                       data_sent_at = NULL, reply_code = NULL, reply_text = NULL, failure_reason = NULL, updated_at = ?
                 WHERE id = ? AND status IN ('queued', 'scheduled') AND next_attempt_at <= ?
                   AND NOT EXISTS (SELECT 1 FROM gateway_user_access a WHERE a.user_id = outbox_messages.user_id)""")
                .params(node, at(leaseUntil), at(now), id, at(now))
                .update() == 1;
    }

    Optional<Claimed> claimed(String id, String node) {
        return jdbc.sql("""
                SELECT id, user_id, mailbox_id, message_id, content, attempts FROM outbox_messages
                 WHERE id = ? AND status = 'sending' AND lease_owner = ?""")
                .params(id, node)
                .query((rs, n) -> new Claimed(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getBytes(5), rs.getInt(6)))
                .optional();
    }

    /**
     * The exactly-once point: records, under a lease still ours and alive, that DATA is about to be sent (and renews
     * the lease for the data phase). False means the message is no longer ours: DATA must not be sent.
     */
    boolean markDataSent(String id, String node, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE outbox_messages SET data_sent_at = ?, lease_until = ?, updated_at = ?
                 WHERE id = ? AND status = 'sending' AND lease_owner = ? AND lease_until > ? AND data_sent_at IS NULL""")
                .params(at(now), at(leaseUntil), at(now), id, node, at(now))
                .update() == 1;
    }

    /**
     * Takes the DATA mark back when the server's answer proved nothing was accepted (a send API's 401, before the one
     * retry with a fresh token). Only while the message is still ours; the retry then marks again (lease checked).
     */
    boolean unmarkDataSent(String id, String node, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_messages SET data_sent_at = NULL, updated_at = ?
                 WHERE id = ? AND status = 'sending' AND lease_owner = ? AND data_sent_at IS NOT NULL""")
                .params(at(now), id, node)
                .update() == 1;
    }

    /** sending → sent; also corrects a delivery_uncertain the sweep set while this node still waited for the reply. */
    boolean sent(String id, String node, int code, String text, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_messages SET status = 'sent', reply_code = ?, reply_text = ?, lease_until = NULL, updated_at = ?
                 WHERE id = ? AND lease_owner = ? AND data_sent_at IS NOT NULL
                   AND (status = 'sending' OR (status = 'delivery_uncertain' AND reply_code IS NULL))""")
                .params(code, text, at(now), id, node)
                .update() == 1;
    }

    /** sending → failed (permanent). */
    boolean failed(String id, String node, String reason, @Nullable Integer code, @Nullable String text, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_messages SET status = 'failed', failure_reason = ?, reply_code = ?, reply_text = ?,
                       lease_owner = NULL, lease_until = NULL, updated_at = ?
                 WHERE id = ? AND status = 'sending' AND lease_owner = ?""")
                .params(reason, code, text, at(now), id, node)
                .update() == 1;
    }

    /** sending → queued for another attempt at {@code next}; only when the server's answer proved nothing was accepted. */
    boolean retryLater(String id, String node, Instant next, @Nullable Integer code, @Nullable String text, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_messages SET status = 'queued', next_attempt_at = ?, data_sent_at = NULL, reply_code = ?,
                       reply_text = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
                 WHERE id = ? AND status = 'sending' AND lease_owner = ?""")
                .params(at(next), code, text, at(now), id, node)
                .update() == 1;
    }

    /** sending → delivery_uncertain: DATA went out and no final reply came (this node saw the connection fail). */
    boolean uncertain(String id, String node, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_messages SET status = 'delivery_uncertain', lease_until = NULL, updated_at = ?
                 WHERE id = ? AND status = 'sending' AND lease_owner = ? AND data_sent_at IS NOT NULL""")
                .params(at(now), id, node)
                .update() == 1;
    }

    /** sending|queued|scheduled → held until {@code until}: the mailbox needs re-authentication. */
    boolean hold(String id, Instant until, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_messages SET status = 'held', held_until = ?, lease_owner = NULL, lease_until = NULL,
                       data_sent_at = NULL, updated_at = ?
                 WHERE id = ? AND (status IN ('queued', 'scheduled') OR (status = 'sending' AND data_sent_at IS NULL))""")
                .params(at(until), at(now), id)
                .update() == 1;
    }

    /** sending|queued|scheduled (before DATA) → failed without an attempt (mailbox gone or disabled). */
    boolean failUnsent(String id, String reason, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_messages SET status = 'failed', failure_reason = ?, lease_owner = NULL, lease_until = NULL,
                       updated_at = ?
                 WHERE id = ? AND (status IN ('queued', 'scheduled') OR (status = 'sending' AND data_sent_at IS NULL))""")
                .params(reason, at(now), id)
                .update() == 1;
    }

    List<String> heldFor(long mailboxId) {
        return jdbc.sql("SELECT id FROM outbox_messages WHERE mailbox_id = ? AND status = 'held'")
                .param(mailboxId).query(String.class).list();
    }

    /** held → queued, due now. */
    boolean release(String id, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_messages SET status = 'queued', held_until = NULL, next_attempt_at = ?, updated_at = ?
                 WHERE id = ? AND status = 'held'""")
                .params(at(now), at(now), id)
                .update() == 1;
    }

    List<Candidate> holdsRunOut(Instant now) {
        return jdbc.sql("SELECT id, user_id, mailbox_id FROM outbox_messages WHERE status = 'held' AND held_until <= ?")
                .param(at(now))
                .query((rs, n) -> new Candidate(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /** held (past its time) → failed {@code mailbox_needs_reauth}. */
    boolean holdRanOut(String id, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_messages SET status = 'failed', failure_reason = 'mailbox_needs_reauth', updated_at = ?
                 WHERE id = ? AND status = 'held' AND held_until <= ?""")
                .params(at(now), id, at(now))
                .update() == 1;
    }

    String messageIdOf(String id) {
        return jdbc.sql("SELECT message_id FROM outbox_messages WHERE id = ?").param(id).query(String.class).single();
    }

    List<Expired> leasesRunOut(Instant now) {
        return jdbc.sql("""
                SELECT id, user_id, mailbox_id, message_id, data_sent_at FROM outbox_messages
                 WHERE status = 'sending' AND lease_until < ?""")
                .param(at(now))
                .query((rs, n) -> new Expired(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5) != null))
                .list();
    }

    /** sending (lease ran out, DATA never marked) → queued: nothing reached the server's DATA phase, so any node may retry. */
    boolean requeueExpired(String id, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_messages SET status = 'queued', next_attempt_at = ?, lease_owner = NULL, lease_until = NULL,
                       updated_at = ?
                 WHERE id = ? AND status = 'sending' AND lease_until < ? AND data_sent_at IS NULL""")
                .params(at(now), at(now), id, at(now))
                .update() == 1;
    }

    /** sending (lease ran out after the DATA mark, no reply recorded) → delivery_uncertain; never resent automatically. */
    boolean uncertainExpired(String id, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_messages SET status = 'delivery_uncertain', updated_at = ?
                 WHERE id = ? AND status = 'sending' AND lease_until < ? AND data_sent_at IS NOT NULL
                   AND reply_code IS NULL""")
                .params(at(now), id, at(now))
                .update() == 1;
    }

    /** Defers a mailbox's due messages to {@code until} (its send limit is reached); they stay queued/scheduled. */
    int defer(long mailboxId, Instant until) {
        return jdbc.sql("""
                UPDATE outbox_messages SET next_attempt_at = ?
                 WHERE mailbox_id = ? AND status IN ('queued', 'scheduled') AND next_attempt_at < ?""")
                .params(at(until), mailboxId, at(until))
                .update();
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
