package org.vaultmail.gateway.outbox.delivery;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.mailboxes.MailboxReauthenticated;
import org.vaultmail.gateway.outbox.OutboxStatus;
import org.vaultmail.gateway.outbox.OutboxStore;

/**
 * The user typed a working password for a mailbox that needed re-authentication: its held mail goes back to the queue.
 * Runs in the transaction that stored the new credentials (published there), so both commit or neither.
 */
class HeldMailRelease {

    private static final Logger log = LoggerFactory.getLogger(HeldMailRelease.class);

    private final DeliveryRows rows;
    private final OutboxStore store;
    private final Transitions transitions;
    private final TransactionTemplate tx;

    HeldMailRelease(DeliveryRows rows, OutboxStore store, Transitions transitions, TransactionTemplate tx) {
        this.rows = rows;
        this.store = store;
        this.transitions = transitions;
        this.tx = tx;
    }

    @EventListener
    void on(MailboxReauthenticated event) {
        Instant now = transitions.now();
        int released = tx.execute(s -> {
            int n = 0;
            for (String id : rows.heldFor(event.mailboxId())) {
                if (!rows.release(id, now)) continue;
                store.history(id, OutboxStatus.QUEUED, now, "the mailbox was re-authenticated; queued again");
                n++;
            }
            return n;
        });
        if (released > 0) log.info("outbox: released {} held message(s) of mailbox {}", released, event.mailboxId());
    }
}
