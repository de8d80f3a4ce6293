package org.vaultmail.notify;

import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import org.vaultmail.auth.mfa.SecondFactorChanged;
import org.vaultmail.auth.users.UserChangedByOperator;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.migrate.MigrationEvent;

/**
 * Turns an operator's change, or the user's own change of their second factor, into a queued notification. Like the audit listeners (ADR 0020) this is a
 * transactional event listener fed by Spring Modulith's publication registry: the publication is stored
 * in the change's own transaction and completed only when this method returned, so a crash before the
 * row was queued leaves it to be published again on restart. Not itself transactional: the row commits
 * before the first attempt, and the SMTP dialogue holds no database transaction.
 */
class NotificationListener {

    private final NotificationDispatcher dispatcher;

    NotificationListener(NotificationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Async
    @TransactionalEventListener(fallbackExecution = true)
    void on(UserChangedByOperator event) {
        dispatcher.accept(Notice.of(event));
    }

    /** The user's own change of their second factor (ADR 0026): the same path, so a takeover is noticed. */
    @Async
    @TransactionalEventListener(fallbackExecution = true)
    void on(SecondFactorChanged event) {
        dispatcher.accept(Notice.of(event));
    }

    /**
     * The sending gateway found a connected mailbox's stored password refused (issue 13): the owner is told once. The
     * gateway publishes the event only on the change to {@code needs_reauth}; the derived id stops a republished one.
     */
    @Async // the condition: no publication row for the gateway's other events (Spring Modulith evaluates it first)
    @TransactionalEventListener(fallbackExecution = true, condition = "#root.args[0].action() == 'gateway.mailbox.needs_reauth'")
    void on(GatewayEvent event) {
        if (MAILBOX_NEEDS_REAUTH.equals(event.action()) && event.details().get("owner") != null) {
            dispatcher.accept(Notice.ofMailboxNeedsReauth(event));
        }
    }

    /** A user's migration job ended (issue 14): its owner is mailed the outcome and the counts. */
    @Async
    @TransactionalEventListener(fallbackExecution = true, condition = "#root.args[0].ownerUserId() != null"
            + " && #root.args[0].details()['owner'] != null && (#root.args[0].action() == 'migration.job.finished'"
            + " || #root.args[0].action() == 'migration.job.failed' || #root.args[0].action() == 'migration.job.cancelled')")
    void on(MigrationEvent event) {
        if (event.ownerUserId() != null && event.details().get("owner") != null && event.action().startsWith("migration.job.")) {
            dispatcher.accept(Notice.ofMigration(event));
        }
    }

    static final String MAILBOX_NEEDS_REAUTH = "gateway.mailbox.needs_reauth";
}
