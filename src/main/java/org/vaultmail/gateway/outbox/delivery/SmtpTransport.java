package org.vaultmail.gateway.outbox.delivery;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vaultmail.gateway.mailboxes.ConnectedMailbox;
import org.vaultmail.gateway.mailboxes.ConnectedMailboxes;
import org.vaultmail.gateway.mailboxes.MailboxAuthenticationException;
import org.vaultmail.gateway.outbox.OutboxContent;
import org.vaultmail.gateway.outbox.OutboxStatus;

/**
 * A password mailbox's transport (ADR 0038): one SMTP session, the outcome recorded inside it (so that a failure to
 * close the connection cannot turn a recorded "sent" into a retry), then the Sent copy over IMAP unless the domain's
 * server files it itself.
 */
final class SmtpTransport implements MessageTransport {

    private static final Logger log = LoggerFactory.getLogger(SmtpTransport.class);

    private final ConnectedMailboxes mailboxes;
    private final Transitions transitions;
    private final DeliveryProperties properties;

    SmtpTransport(ConnectedMailboxes mailboxes, Transitions transitions, DeliveryProperties properties) {
        this.mailboxes = mailboxes;
        this.transitions = transitions;
        this.properties = properties;
    }

    @Override
    public void send(DeliveryRows.Claimed m, ConnectedMailbox mailbox, OutboxContent content, Attempt attempt) {
        AtomicBoolean marked = new AtomicBoolean();
        AtomicReference<DeliveryOutcome> recorded = new AtomicReference<>();
        try {
            mailboxes.withSmtp(m.mailboxId(), transport -> {
                DeliveryOutcome outcome = SmtpConversation.deliver(transport, content, () -> {
                    boolean ours = attempt.markDataSent();
                    marked.set(ours);
                    return ours;
                });
                attempt.record(outcome);
                recorded.set(outcome);
                return outcome;
            });
        } catch (MailboxAuthenticationException e) {
            if (recorded.get() == null) attempt.authenticationFailed();
        } catch (MessagingException | RuntimeException e) {
            if (recorded.get() != null) {
                log.debug("outbox {}: closing the SMTP session failed after the outcome was recorded", m.id());
            } else if (marked.get()) {
                attempt.record(new DeliveryOutcome.Uncertain("the connection failed after DATA (" + e.getClass().getSimpleName() + ")"));
            } else {
                attempt.record(new DeliveryOutcome.Temporary("connection_failed", null, e.getClass().getSimpleName()));
            }
        }
        if (recorded.get() instanceof DeliveryOutcome.Sent && !properties.serverSavesSent(mailbox.domain())) {
            appendSentCopy(m, content);
        }
    }

    private void appendSentCopy(DeliveryRows.Claimed m, OutboxContent content) {
        try {
            String folder = mailboxes.withImap(m.mailboxId(), s -> SentCopy.append(s, content.mime()));
            transitions.note(m.id(), OutboxStatus.SENT, "copy saved in " + folder);
        } catch (MessagingException | RuntimeException e) {
            transitions.note(m.id(), OutboxStatus.SENT, "sent, but the copy in Sent could not be saved ("
                    + e.getClass().getSimpleName() + ")");
            log.warn("outbox {}: the Sent copy could not be saved ({})", m.id(), e.getClass().getSimpleName());
        }
    }
}
