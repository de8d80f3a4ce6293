package org.vaultmail.gateway.mailboxes;

import org.springframework.http.HttpStatus;
import org.vaultmail.i18n.UserText;

/** Why a request about connected mailboxes was refused: a status and a sentence for the user; never a secret or server text. */
final class MailboxProblem extends RuntimeException implements UserText.Shown {
    private static final long serialVersionUID = 1L;

    enum Reason {
        INVALID(HttpStatus.BAD_REQUEST, "invalid"),
        NOT_FOUND(HttpStatus.NOT_FOUND, "notFound"),
        LOGIN_REFUSED(HttpStatus.UNPROCESSABLE_CONTENT, "loginRefused"),
        SERVER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "serverUnavailable"),
        DOMAIN_NOT_CONFIGURED(HttpStatus.UNPROCESSABLE_CONTENT, "domainNotConfigured"),
        DOMAIN_SWITCHED_OFF(HttpStatus.UNPROCESSABLE_CONTENT, "domainSwitchedOff"),
        TOO_MANY_MAILBOXES(HttpStatus.CONFLICT, "tooManyMailboxes"),
        ALREADY_CONNECTED(HttpStatus.CONFLICT, "alreadyConnected"),
        DISABLED(HttpStatus.CONFLICT, "disabled"),
        TOO_MANY_TESTS(HttpStatus.TOO_MANY_REQUESTS, "tooManyTests");

        final HttpStatus status;
        /** A message key (messages-problems), put into the request's language when the problem is written. */
        final String title;

        Reason(HttpStatus status, String title) {
            this.status = status;
            this.title = "problem.mailbox.title." + title;
        }
    }

    private final Reason reason;
    private final UserText text;

    /** {@code key} a message key (messages-problems) with its arguments; the message is its English. */
    MailboxProblem(Reason reason, String key, Object... arguments) {
        this(reason, UserText.of(key, arguments));
    }

    private MailboxProblem(Reason reason, UserText text) {
        super(text.english());
        this.reason = reason;
        this.text = text;
    }

    @Override
    public UserText text() {
        return text;
    }

    Reason reason() {
        return reason;
    }

    static MailboxProblem notFound() {
        return new MailboxProblem(Reason.NOT_FOUND, "problem.mailbox.notFound");
    }
}
