package org.vaultmail.auth.smtp;

/** The user tested too many SMTP logins in the last hour (each test is a password attempt at the mail server). */
final class TooManySmtpTestsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String MESSAGE = "Too many SMTP login tests in the last hour; please wait a while before trying again.";

    TooManySmtpTestsException() {
        super(MESSAGE);
    }
}
