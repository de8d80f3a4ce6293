package org.vaultmail.compose;

import org.vaultmail.i18n.UserText;

/** A file or the whole message exceeds a size limit (413 on the API); names the field and the limit. */
public class TooLargeException extends ComposeException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public TooLargeException(String field, UserText text, long limit) {
        super(field, text);
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
