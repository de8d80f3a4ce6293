package org.vaultmail.auth.smtp;

/** The user tested too many SMTP logins in the last hour (each test is a password attempt at the mail server). */
final class TooManySmtpTestsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String MESSAGE = "problem.smtp.tooManyTests"; // a message key (messages-problems);

    TooManySmtpTestsException() {
        super(MESSAGE);
    }
}
