package org.vaultmail.mail;

/** A mail store operation failed; the message names the folder or UID, never server text or credentials. */
public class MailStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The server refused the login. */
        WRONG_CREDENTIALS,
        /** No such folder, message or part. */
        NOT_FOUND,
        /** Connect, TLS, timeout or a closed connection. */
        UNAVAILABLE,
        /** The server answered NO or BAD. */
        REFUSED,
        /** A folder of that name exists already. */
        EXISTS,
        /** INBOX or a special-use folder (Sent, Drafts, Trash, Junk, Archive): not renamed or deleted. */
        PROTECTED
    }

    private final Reason reason;

    public MailStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public MailStoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
