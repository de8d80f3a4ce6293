package org.vaultmail.gateway.outbox.delivery;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vaultmail.gateway.mailboxes.ConnectedMailbox;
import org.vaultmail.gateway.mailboxes.ConnectedMailboxes;
import org.vaultmail.gateway.mailboxes.MailboxAuthenticationException;
import org.vaultmail.gateway.mailboxes.MailboxState;
import org.vaultmail.gateway.outbox.OutboxContent;
import org.vaultmail.gateway.outbox.OutboxStatus;
import org.vaultmail.gateway.outbox.OutboxStore;

/**
 * One delivery attempt of a claimed message: unseal the content, one SMTP session through the connected mailbox,
 * record the outcome (inside the session, so that a failure to close the connection cannot turn a recorded "sent"
 * into a retry), append the Sent copy, wipe the plaintext. Logs name message ids and reply codes only.
 */
class DeliveryAttempt {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempt.class);

    private final ConnectedMailboxes mailboxes;
    private final OutboxStore store;
    private final Transitions transitions;
    private final DeliveryProperties properties;
    private final Backoff backoff;
    private final String node;

    DeliveryAttempt(ConnectedMailboxes mailboxes, OutboxStore store, Transitions transitions, DeliveryProperties properties,
                    String node) {
        this.mailboxes = mailboxes;
        this.store = store;
        this.transitions = transitions;
        this.properties = properties;
        this.backoff = new Backoff(properties.backoffBase(), properties.backoffMax());
        this.node = node;
    }

    void run(DeliveryRows.Claimed m) {
        Optional<ConnectedMailbox> mailbox = mailboxes.byId(m.mailboxId());
        if (mailbox.isEmpty() || mailbox.get().userId() != m.userId()) {
            transitions.failUnsent(m.id(), m.userId(), m.mailboxId(), m.messageId(), "mailbox_disconnected");
            return;
        }
        if (mailbox.get().state() == MailboxState.DISABLED) {
            transitions.failUnsent(m.id(), m.userId(), m.mailboxId(), m.messageId(), "mailbox_disabled");
            return;
        }
        if (mailbox.get().state() == MailboxState.NEEDS_REAUTH) {
            hold(m);
            return;
        }
        OutboxContent content = store.open(m.id(), m.userId(), m.sealedContent());
        try {
            send(m, mailbox.get(), content);
        } finally {
            Arrays.fill(content.mime(), (byte) 0);
        }
    }

    private void send(DeliveryRows.Claimed m, ConnectedMailbox mailbox, OutboxContent content) {
        AtomicBoolean marked = new AtomicBoolean();
        AtomicReference<SmtpOutcome> recorded = new AtomicReference<>();
        try {
            mailboxes.withSmtp(m.mailboxId(), transport -> {
                SmtpOutcome outcome = SmtpConversation.deliver(transport, content, () -> {
                    boolean ours = transitions.markDataSent(m.id(), node, transitions.now().plus(properties.lease()));
                    marked.set(ours);
                    return ours;
                });
                record(m, outcome);
                recorded.set(outcome);
                return outcome;
            });
        } catch (MailboxAuthenticationException e) {
            if (recorded.get() == null) {
                mailboxes.authenticationFailed(m.mailboxId());
                hold(m);
            }
        } catch (MessagingException | RuntimeException e) {
            if (recorded.get() != null) {
                log.debug("outbox {}: closing the SMTP session failed after the outcome was recorded", m.id());
            } else if (marked.get()) {
                record(m, new SmtpOutcome.Uncertain("the connection failed after DATA (" + e.getClass().getSimpleName() + ")"));
            } else {
                record(m, new SmtpOutcome.Temporary("connection_failed", null, e.getClass().getSimpleName()));
            }
        }
        if (recorded.get() instanceof SmtpOutcome.Sent && !properties.serverSavesSent(mailbox.domain())) {
            appendSentCopy(m, content);
        }
    }

    private void record(DeliveryRows.Claimed m, SmtpOutcome outcome) {
        switch (outcome) {
            case SmtpOutcome.Sent s -> {
                transitions.sent(m, node, s);
                log.info("outbox {}: sent ({})", m.id(), s.code());
            }
            case SmtpOutcome.Permanent p -> {
                transitions.failed(m, node, p.reason(), p.code(), p.text());
                log.info("outbox {}: failed {} ({})", m.id(), p.reason(), p.code());
            }
            case SmtpOutcome.Temporary t -> {
                if (m.attempts() >= properties.maxAttempts()) {
                    transitions.failed(m, node, "too_many_attempts", t.code(), t.text());
                    log.warn("outbox {}: failed after {} attempts, last {} ({})", m.id(), m.attempts(), t.reason(), t.code());
                } else {
                    Instant next = transitions.now().plus(backoff.after(m.attempts()));
                    transitions.retryLater(m, node, next, t.reason(), t.code(), t.text());
                    log.info("outbox {}: attempt {} {} ({}), next at {}", m.id(), m.attempts(), t.reason(), t.code(), next);
                }
            }
            case SmtpOutcome.Uncertain u -> {
                transitions.uncertain(m, node, u.why());
                log.warn("outbox {}: delivery uncertain: {}", m.id(), u.why());
            }
            case SmtpOutcome.LeaseLost l -> log.warn("outbox {}: lease lost before DATA; left to the node that has it", m.id());
        }
    }

    private void hold(DeliveryRows.Claimed m) {
        Instant until = transitions.now().plus(properties.holdTime());
        transitions.hold(m.id(), m.userId(), m.mailboxId(), m.messageId(), until);
        log.info("outbox {}: held until {} (mailbox {} needs re-authentication)", m.id(), until, m.mailboxId());
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
