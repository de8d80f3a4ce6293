package org.vaultmail.gateway.mailboxes;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator (the console) does to a user's connected mailbox: {@code disabled} mailboxes are never used to send;
 * enabling puts it back to {@code connected} with the credentials it had. Both audited with the operator's name.
 */
@NamedInterface("mailboxes")
public final class OperatorMailboxes {

    private final MailboxRows rows;
    private final MailboxEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;

    OperatorMailboxes(MailboxRows rows, MailboxEvents events, TransactionTemplate tx, Clock clock) {
        this.rows = rows;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** True when it changed (false: already disabled, or no such mailbox). */
    public boolean disable(long mailboxId, String operator, @Nullable String clientAddress) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!rows.disable(mailboxId, operator, clock.instant())) return false;
            events.byOperator(MailboxEvents.DISABLED, operator, clientAddress, rows.find(mailboxId).orElseThrow().mailbox());
            return true;
        }));
    }

    /** True when it changed (false: not disabled, or no such mailbox). */
    public boolean enable(long mailboxId, String operator, @Nullable String clientAddress) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!rows.enable(mailboxId, clock.instant())) return false;
            events.byOperator(MailboxEvents.ENABLED, operator, clientAddress, rows.find(mailboxId).orElseThrow().mailbox());
            return true;
        }));
    }
}
