package org.vaultmail.mail;

import java.util.List;

/**
 * Sending failed. The message names the recipients or the limit, never the server's reply text (it may
 * echo what the user typed) and never a credential.
 */
public class SendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The server refused the SMTP login. */
        AUTH_FAILED,
        /** The server refused one or more recipients ({@link #rejected()}). */
        RECIPIENT_REJECTED,
        /** The message is larger than the server takes. */
        TOO_LARGE,
        /** No answer, TLS failure or a dropped connection. */
        UNAVAILABLE,
        /** Any other refusal (the sender address, policy, content). */
        REFUSED
    }

    private final Reason reason;
    private final List<String> rejected;

    public SendException(Reason reason, String message, List<String> rejected) {
        super(message, null, false, false); // no cause and no stack: nothing of the server's text travels on
        this.reason = reason;
        this.rejected = List.copyOf(rejected);
    }

    public SendException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    public Reason reason() {
        return reason;
    }

    /** The recipient addresses the server refused. */
    public List<String> rejected() {
        return rejected;
    }
}
