package org.vaultmail.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Delivers queued notifications: one attempt per claim, then delivered (row marked sent), retried after a
 * doubling wait, or given up after {@code max-attempts} or at once for an address that cannot be mailed.
 * Logs say which notification, attempt and failure kind; never the server's reply text or a password.
 */
final class NotificationDispatcher implements Notifications {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    /** Longer than a connect plus a whole SMTP dialogue with the configured timeouts. */
    static final Duration LEASE = Duration.ofMinutes(5);

    private final @Nullable NotificationServer server;
    private final NotificationOutbox outbox;
    private final NotificationMail mail;
    private final NotificationProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationDispatcher(@Nullable NotificationServer server, NotificationOutbox outbox, NotificationMail mail,
                           NotificationProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.server = server;
        this.outbox = outbox;
        this.mail = mail;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean configured() {
        return server != null;
    }

    /** Queues the notice (once, however often the event is republished) and makes its first attempt. */
    void accept(Notice notice) {
        if (server == null) return; // the console told the operator, and the audit entry says so
        if (outbox.add(notice, clock.instant())) {
            outbox.find(notice.id()).ifPresent(this::attempt);
        }
    }

    /** Ended notifications are kept this long, so a republished event cannot send one again. */
    static final Duration KEEP_DONE = Duration.ofDays(7);

    /** Attempts every notification that is due; returns how many were delivered. Also purges old ended ones. */
    int deliverDue() {
        if (server == null) return 0;
        outbox.purgeDone(clock.instant().minus(KEEP_DONE));
        int delivered = 0;
        for (NotificationOutbox.Due due : outbox.due(clock.instant(), 100)) {
            if (attempt(due)) delivered++;
        }
        return delivered;
    }

    private boolean attempt(NotificationOutbox.Due due) {
        NotificationServer s = server;
        Notice n = due.notice();
        if (s == null || !outbox.claim(due, clock.instant().plus(LEASE))) return false;
        int attempt = n.attempts() + 1;
        String id = n.id().toString();
        InternetAddress to;
        try {
            to = NotificationServer.address(n.recipient());
        } catch (AddressException e) {
            giveUp(n, attempt, "invalid_recipient", "AddressException");
            return false;
        }
        try {
            s.send(mail.compose(s.session(), n, s.from(), to, s.messageIdDomain(), clock.instant()), to);
            outbox.done(n.id(), "sent", clock.instant());
            log.info("Notification {} ({}) delivered on attempt {}", id, n.kind().label(), attempt);
            events.publishEvent(new NotificationDelivered(id, n.kind().label(), n.recipient(), attempt));
            return true;
        } catch (MessagingException | RuntimeException e) {
            String error = kind(e);
            if (permanent(e)) {
                giveUp(n, attempt, "refused", error);
            } else if (attempt >= properties.maxAttempts()) {
                giveUp(n, attempt, "max_attempts", error);
            } else {
                Instant next = clock.instant().plus(backoff(attempt));
                outbox.retryAt(n.id(), next, error);
                log.warn("Notification {} ({}) attempt {} of {} failed ({}); next attempt at {}", id, n.kind().label(),
                        attempt, properties.maxAttempts(), error, next);
            }
            return false;
        }
    }

    private void giveUp(Notice n, int attempt, String reason, String error) {
        outbox.done(n.id(), "failed", clock.instant());
        log.error("Notification {} ({}) given up after {} attempt(s): {} ({})", n.id(), n.kind().label(), attempt, reason, error);
        events.publishEvent(new NotificationAbandoned(n.id().toString(), n.kind().label(), n.recipient(), attempt, reason, error));
    }

    /** The wait after {@code attempt} failed attempts: retry-initial, doubling, at most retry-max. */
    Duration backoff(int attempt) {
        Duration wait = properties.retryInitial().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : wait;
    }

    /** The server refused this recipient or message for good (5xx on RCPT or DATA): retrying will not help. */
    private static boolean permanent(Exception e) {
        if (e instanceof SendFailedException sfe) {
            int code = e instanceof SMTPSendFailedException s ? s.getReturnCode() : 0;
            for (Exception next = sfe.getNextException(); code == 0 && next != null;
                 next = next instanceof MessagingException m ? m.getNextException() : null) {
                if (next instanceof SMTPSendFailedException s) code = s.getReturnCode();
            }
            return code >= 500 && code < 600;
        }
        return false;
    }

    /** The exception's class and its cause's: what failed, without a server's reply (which may echo input). */
    private static String kind(Exception e) {
        Throwable cause = e instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : e.getCause();
        String k = e.getClass().getSimpleName() + (cause == null ? "" : "/" + cause.getClass().getSimpleName());
        if (e instanceof SMTPSendFailedException s) k += " " + s.getReturnCode();
        return k.length() > 200 ? k.substring(0, 200) : k;
    }
}
