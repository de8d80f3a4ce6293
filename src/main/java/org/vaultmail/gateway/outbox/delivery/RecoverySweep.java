package org.vaultmail.gateway.outbox.delivery;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.outbox.OutboxStatus;
import org.vaultmail.gateway.outbox.OutboxStore;

/**
 * What a dead node left (ADR 0038): a {@code sending} message whose lease ran out goes back to {@code queued} when
 * DATA was never marked (nothing can have been delivered), else to {@code delivery_uncertain} (the server may have it;
 * only the user's explicit retry sends it again). Also fails holds that ran out ({@code mailbox_needs_reauth}).
 * Any node may run it at any time: each change is a conditional UPDATE on the state it read.
 */
class RecoverySweep {

    private static final Logger log = LoggerFactory.getLogger(RecoverySweep.class);

    private final DeliveryRows rows;
    private final OutboxStore store;
    private final DeliveryEvents events;
    private final TransactionTemplate tx;
    private final Transitions transitions;

    RecoverySweep(DeliveryRows rows, OutboxStore store, DeliveryEvents events, TransactionTemplate tx, Transitions transitions) {
        this.rows = rows;
        this.store = store;
        this.events = events;
        this.tx = tx;
        this.transitions = transitions;
    }

    void run() {
        Instant now = transitions.now();
        for (DeliveryRows.Expired e : rows.leasesRunOut(now)) {
            tx.executeWithoutResult(s -> {
                if (!e.dataSent() && rows.requeueExpired(e.id(), now)) {
                    store.history(e.id(), OutboxStatus.QUEUED, now, "the node sending it stopped before DATA; queued again");
                    log.info("outbox {}: lease ran out before DATA; queued again", e.id());
                } else if (e.dataSent() && rows.uncertainExpired(e.id(), now)) {
                    store.history(e.id(), OutboxStatus.DELIVERY_UNCERTAIN, now,
                            "the node sending it stopped after DATA and before the server's reply; not resent automatically");
                    events.uncertain(e.id(), e.userId(), e.mailboxId(), e.messageId(), now);
                    log.warn("outbox {}: lease ran out after DATA; delivery uncertain", e.id());
                }
            });
        }
        for (DeliveryRows.Candidate c : rows.holdsRunOut(now)) {
            tx.executeWithoutResult(s -> {
                if (!rows.holdRanOut(c.id(), now)) return;
                store.history(c.id(), OutboxStatus.FAILED, now, "mailbox_needs_reauth: the hold ran out");
                events.failed(c.id(), c.userId(), c.mailboxId(), messageId(c.id()), "mailbox_needs_reauth", null, now);
            });
        }
    }

    private String messageId(String id) {
        return rows.messageIdOf(id);
    }
}
