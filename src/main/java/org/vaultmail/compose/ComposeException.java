package org.vaultmail.compose;

/**
 * What the user wrote cannot be sent as it is: names the field ({@code subject}, {@code to[1]},
 * {@code attachments[0].filename}, {@code from.name}) so the UI can show the error next to it.
 */
public class ComposeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ComposeException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
