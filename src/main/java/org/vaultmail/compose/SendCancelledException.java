package org.vaultmail.compose;

/** The send did not happen because it was cancelled (undo) or another request is sending the same thing (409). */
public class SendCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SendCancelledException(String message) {
        super(message, null, false, false);
    }
}
