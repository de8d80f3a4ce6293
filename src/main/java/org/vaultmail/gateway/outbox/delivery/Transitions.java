package org.vaultmail.gateway.outbox.delivery;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.outbox.OutboxStatus;
import org.vaultmail.gateway.outbox.OutboxStore;

/**
 * Each outbox transition in its own committed transaction with its history entry and its event, so what the user sees
 * (history, webhook, audit) is exactly what the row says. A transition that did not apply writes nothing.
 */
class Transitions {

    private final DeliveryRows rows;
    private final OutboxStore store;
    private final DeliveryEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;

    Transitions(DeliveryRows rows, OutboxStore store, DeliveryEvents events, TransactionTemplate tx, Clock clock) {
        this.rows = rows;
        this.store = store;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    boolean markDataSent(String id, String node, Instant leaseUntil) {
        return Boolean.TRUE.equals(tx.execute(s -> rows.markDataSent(id, node, now(), leaseUntil)));
    }

    boolean unmarkDataSent(String id, String node) {
        return Boolean.TRUE.equals(tx.execute(s -> rows.unmarkDataSent(id, node, now())));
    }

    void sent(DeliveryRows.Claimed m, String node, DeliveryOutcome.Sent sent) {
        Instant now = now();
        tx.executeWithoutResult(s -> {
            if (!rows.sent(m.id(), node, sent.code(), sent.text(), now)) return;
            String detail = sent.text(); // the reply line, code first
            if (sent.refused() > 0) detail = sent.refused() + " recipient(s) refused (" + sent.refusalCode() + "); " + detail;
            store.history(m.id(), OutboxStatus.SENT, now, clip(detail));
            events.sent(m.id(), m.userId(), m.mailboxId(), m.messageId(), sent.code(), sent.refused(), now);
        });
    }

    void failed(DeliveryRows.Claimed m, String node, String reason, @Nullable Integer code, @Nullable String text) {
        Instant now = now();
        tx.executeWithoutResult(s -> {
            if (!rows.failed(m.id(), node, reason, code, text, now)) return;
            store.history(m.id(), OutboxStatus.FAILED, now, clip(reason + (text == null || text.isEmpty() ? (code == null ? "" : ": " + code) : ": " + text)));
            events.failed(m.id(), m.userId(), m.mailboxId(), m.messageId(), reason, code, now);
        });
    }

    void retryLater(DeliveryRows.Claimed m, String node, Instant next, String reason, @Nullable Integer code,
                    @Nullable String text) {
        Instant now = now();
        tx.executeWithoutResult(s -> {
            if (!rows.retryLater(m.id(), node, next, code, text, now)) return;
            store.history(m.id(), OutboxStatus.QUEUED, now,
                    clip("attempt " + m.attempts() + " " + reason + (text == null ? "" : ": " + text)
                            + "; next attempt at " + next));
        });
    }

    void uncertain(DeliveryRows.Claimed m, String node, String why) {
        Instant now = now();
        tx.executeWithoutResult(s -> {
            if (!rows.uncertain(m.id(), node, now)) return;
            store.history(m.id(), OutboxStatus.DELIVERY_UNCERTAIN, now, clip(why + "; not resent automatically"));
            events.uncertain(m.id(), m.userId(), m.mailboxId(), m.messageId(), now);
        });
    }

    void hold(String id, long userId, long mailboxId, String messageId, Instant until) {
        Instant now = now();
        tx.executeWithoutResult(s -> {
            if (!rows.hold(id, until, now)) return;
            store.history(id, OutboxStatus.HELD, now, "the mailbox needs re-authentication; held until " + until);
            events.held(id, userId, mailboxId, messageId, until, now);
        });
    }

    void failUnsent(String id, long userId, long mailboxId, String messageId, String reason) {
        Instant now = now();
        tx.executeWithoutResult(s -> {
            if (!rows.failUnsent(id, reason, now)) return;
            store.history(id, OutboxStatus.FAILED, now, reason);
            events.failed(id, userId, mailboxId, messageId, reason, null, now);
        });
    }

    void note(String id, OutboxStatus status, String detail) {
        tx.executeWithoutResult(s -> store.history(id, status, now(), clip(detail)));
    }

    static String clip(String detail) {
        String d = detail.replaceAll("[\\r\\n]+", " ");
        return d.length() > 500 ? d.substring(0, 500) : d;
    }
}
