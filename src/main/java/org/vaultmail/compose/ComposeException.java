package org.vaultmail.compose;

import org.jspecify.annotations.Nullable;
import org.vaultmail.i18n.UserText;

/**
 * What the user wrote cannot be sent as it is: names the field ({@code subject}, {@code to[1]},
 * {@code attachments[0].filename}, {@code from.name}) so the UI can show the error next to it.
 */
public class ComposeException extends RuntimeException implements UserText.Shown {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final @Nullable UserText text;

    public ComposeException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
        this.text = null;
    }

    /** A refusal with its text in the reader's language; the message is its English. */
    public ComposeException(String field, UserText text) {
        super(text.english(), null, false, false);
        this.field = field;
        this.text = text;
    }

    @Override
    public @Nullable UserText text() {
        return text;
    }

    public String field() {
        return field;
    }
}
