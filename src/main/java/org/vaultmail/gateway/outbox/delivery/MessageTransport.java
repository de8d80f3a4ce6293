package org.vaultmail.gateway.outbox.delivery;

import org.vaultmail.gateway.mailboxes.ConnectedMailbox;
import org.vaultmail.gateway.outbox.OutboxContent;

/**
 * How a claimed message leaves through its mailbox: SMTP with the stored password ({@link SmtpTransport}) or the
 * provider's send API with OAuth tokens ({@link ProviderApiTransport}, ADR 0044). A transport follows ADR 0038's
 * discipline through its {@link Attempt}: nothing that could deliver is sent before {@link Attempt#markDataSent()}
 * succeeded, and every end is reported exactly once.
 */
interface MessageTransport {

    void send(DeliveryRows.Claimed m, ConnectedMailbox mailbox, OutboxContent content, Attempt attempt);

    /** What a transport reports back to the attempt of one message. */
    interface Attempt {

        /** The exactly-once point: true when the message is still ours and may now be sent (the mark is committed). */
        boolean markDataSent();

        /**
         * The server's answer proved nothing was accepted after the mark (an API's 401 before a retry with a fresh
         * token): takes the mark back; false when the message is no longer ours (then nothing more may be sent).
         */
        boolean unmarkDataSent();

        /** The attempt's outcome (recorded once, each in its own transaction with history and event). */
        void record(DeliveryOutcome outcome);

        /** The mailbox's credentials are refused (or it needs re-authentication): mark it and hold its message. */
        void authenticationFailed();
    }
}
