package org.vaultmail.compose;

import org.vaultmail.i18n.UserText;

/**
 * The send did not happen because it was cancelled (undo) or another request is sending the same thing (409); its
 * text is told in the reader's language, its message is the English.
 */
public class SendCancelledException extends RuntimeException implements UserText.Shown {

    private static final long serialVersionUID = 1L;

    private final UserText text;

    public SendCancelledException(UserText text) {
        super(text.english(), null, false, false);
        this.text = text;
    }

    @Override
    public UserText text() {
        return text;
    }
}
