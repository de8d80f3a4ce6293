package org.vaultmail.gateway.mailboxes;

import org.springframework.http.HttpStatus;

/** Why a request about connected mailboxes was refused: a status and a sentence for the user; never a secret or server text. */
final class MailboxProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    enum Reason {
        INVALID(HttpStatus.BAD_REQUEST, "Bad request"),
        NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
        LOGIN_REFUSED(HttpStatus.UNPROCESSABLE_CONTENT, "Login refused"),
        SERVER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Mail server unavailable"),
        DOMAIN_NOT_CONFIGURED(HttpStatus.UNPROCESSABLE_CONTENT, "Domain not served here"),
        DOMAIN_SWITCHED_OFF(HttpStatus.UNPROCESSABLE_CONTENT, "Connected mailboxes are off for this domain"),
        TOO_MANY_MAILBOXES(HttpStatus.CONFLICT, "Too many connected mailboxes"),
        ALREADY_CONNECTED(HttpStatus.CONFLICT, "Already connected"),
        DISABLED(HttpStatus.CONFLICT, "Disabled by an operator"),
        TOO_MANY_TESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many tests");

        final HttpStatus status;
        final String title;

        Reason(HttpStatus status, String title) {
            this.status = status;
            this.title = title;
        }
    }

    private final Reason reason;

    MailboxProblem(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    static MailboxProblem notFound() {
        return new MailboxProblem(Reason.NOT_FOUND, "You have no connected mailbox with this id.");
    }
}
