package org.vaultmail.gateway.mailboxes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import org.vaultmail.account.MailServers;
import org.vaultmail.mail.MailAuthenticator;
import org.vaultmail.mail.SmtpLoginCheck;
import org.vaultmail.vault.Secret;

/**
 * "Test connection" for a mailbox login: SMTP AUTH at the domain's configured submission server, then an IMAP login
 * at its IMAP server (the outbox appends Sent copies there, and no domain setting yet says the server does it).
 * Each test is a password guess at the mail server, so a user has {@code testsPerHour} of them (the auth policy's
 * "SMTP tests per hour", counted separately on each node like the SMTP settings' own test).
 */
final class MailboxLoginTest {

    enum Outcome { OK, REFUSED, UNAVAILABLE }

    private final SmtpLoginCheck smtp;
    private final MailAuthenticator imap;
    private final IntSupplier testsPerHour;
    private final Clock clock;
    private final Map<Long, Window> windows = new ConcurrentHashMap<>();

    private record Window(Instant start, int used) {
    }

    MailboxLoginTest(SmtpLoginCheck smtp, MailAuthenticator imap, IntSupplier testsPerHour, Clock clock) {
        this.smtp = smtp;
        this.imap = imap;
        this.testsPerHour = testsPerHour;
        this.clock = clock;
    }

    /** Counts one test for {@code userId}; throws when the hour's allowance is used up (nothing reaches the server). */
    void consume(long userId) {
        int limit = testsPerHour.getAsInt();
        if (limit <= 0) return;
        Instant now = clock.instant();
        Window w = windows.compute(userId, (id, old) -> old == null || !now.isBefore(old.start().plus(Duration.ofHours(1)))
                ? new Window(now, 1) : new Window(old.start(), old.used() + 1));
        if (w.used() > limit) {
            throw new MailboxProblem(MailboxProblem.Reason.TOO_MANY_TESTS,
                    "problem.mailbox.tooManyTests");
        }
        if (windows.size() > 100_000) windows.values().removeIf(old -> now.isAfter(old.start().plus(Duration.ofHours(1))));
    }

    Outcome test(MailServers servers, String username, Secret password) {
        SmtpLoginCheck.Outcome s = smtp.check(servers, username, password);
        if (s == SmtpLoginCheck.Outcome.AUTH_FAILED || s == SmtpLoginCheck.Outcome.AUTH_NOT_OFFERED) return Outcome.REFUSED;
        if (s != SmtpLoginCheck.Outcome.OK) return Outcome.UNAVAILABLE;
        return switch (imap.bind(servers, username, password)) {
            case OK -> Outcome.OK;
            case WRONG_CREDENTIALS -> Outcome.REFUSED;
            default -> Outcome.UNAVAILABLE;
        };
    }
}
