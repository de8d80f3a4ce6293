package org.vaultmail.gateway.outbox.delivery;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vaultmail.gateway.mailboxes.ConnectedMailbox;
import org.vaultmail.gateway.mailboxes.ConnectedMailboxes;
import org.vaultmail.gateway.mailboxes.MailboxState;
import org.vaultmail.gateway.outbox.OutboxContent;
import org.vaultmail.gateway.outbox.OutboxStore;

/**
 * One delivery attempt of a claimed message: unseal the content, hand it to the mailbox's transport (SMTP, or the
 * provider's API for an OAuth mailbox), record the outcome it reports, wipe the plaintext. Logs name message ids and
 * reply codes only.
 */
class DeliveryAttempt {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempt.class);

    private final ConnectedMailboxes mailboxes;
    private final OutboxStore store;
    private final Transitions transitions;
    private final DeliveryProperties properties;
    private final Backoff backoff;
    private final String node;
    private final MessageTransport smtp;
    private final MessageTransport api;

    DeliveryAttempt(ConnectedMailboxes mailboxes, OutboxStore store, Transitions transitions, DeliveryProperties properties,
                    String node, ProviderApiClient apiClient) {
        this.mailboxes = mailboxes;
        this.store = store;
        this.transitions = transitions;
        this.properties = properties;
        this.backoff = new Backoff(properties.backoffBase(), properties.backoffMax());
        this.node = node;
        this.smtp = new SmtpTransport(mailboxes, transitions, properties);
        this.api = new ProviderApiTransport(mailboxes, apiClient, transitions::now);
    }

    /** The attempt of one claimed message as its transport sees it. */
    private final class Recorder implements MessageTransport.Attempt {
        private final DeliveryRows.Claimed m;

        Recorder(DeliveryRows.Claimed m) {
            this.m = m;
        }

        @Override
        public boolean markDataSent() {
            return transitions.markDataSent(m.id(), node, transitions.now().plus(properties.lease()));
        }

        @Override
        public boolean unmarkDataSent() {
            return transitions.unmarkDataSent(m.id(), node);
        }

        @Override
        public void record(DeliveryOutcome outcome) {
            DeliveryAttempt.this.record(m, outcome);
        }

        @Override
        public void authenticationFailed() {
            mailboxes.authenticationFailed(m.mailboxId());
            hold(m);
        }
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
            MessageTransport transport = mailbox.get().kind().oauth() ? api : smtp;
            transport.send(m, mailbox.get(), content, new Recorder(m));
        } finally {
            Arrays.fill(content.mime(), (byte) 0);
        }
    }

    private void record(DeliveryRows.Claimed m, DeliveryOutcome outcome) {
        switch (outcome) {
            case DeliveryOutcome.Sent s -> {
                transitions.sent(m, node, s);
                log.info("outbox {}: sent ({})", m.id(), s.code());
            }
            case DeliveryOutcome.Permanent p -> {
                transitions.failed(m, node, p.reason(), p.code(), p.text());
                log.info("outbox {}: failed {} ({})", m.id(), p.reason(), p.code());
            }
            case DeliveryOutcome.Temporary t -> {
                if (m.attempts() >= properties.maxAttempts()) {
                    transitions.failed(m, node, "too_many_attempts", t.code(), t.text());
                    log.warn("outbox {}: failed after {} attempts, last {} ({})", m.id(), m.attempts(), t.reason(), t.code());
                } else {
                    Instant next = transitions.now().plus(backoff.after(m.attempts()));
                    if (t.notBefore() != null && t.notBefore().isAfter(next)) next = t.notBefore(); // the server's Retry-After
                    transitions.retryLater(m, node, next, t.reason(), t.code(), t.text());
                    log.info("outbox {}: attempt {} {} ({}), next at {}", m.id(), m.attempts(), t.reason(), t.code(), next);
                }
            }
            case DeliveryOutcome.Uncertain u -> {
                transitions.uncertain(m, node, u.why());
                log.warn("outbox {}: delivery uncertain: {}", m.id(), u.why());
            }
            case DeliveryOutcome.LeaseLost l -> log.warn("outbox {}: lease lost before DATA; left to the node that has it", m.id());
        }
    }

    private void hold(DeliveryRows.Claimed m) {
        Instant until = transitions.now().plus(properties.holdTime());
        transitions.hold(m.id(), m.userId(), m.mailboxId(), m.messageId(), until);
        log.info("outbox {}: held until {} (mailbox {} needs re-authentication)", m.id(), until, m.mailboxId());
    }
}
