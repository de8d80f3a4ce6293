package org.vaultmail.compose;

import java.util.List;

/** The SMTP server refused recipients; {@link #field()} names the first one's field ({@code to[1]}). */
public class RecipientRejectedException extends ComposeException {

    private static final long serialVersionUID = 1L;

    private final List<String> rejected;

    public RecipientRejectedException(String field, String message, List<String> rejected) {
        super(field, message);
        this.rejected = List.copyOf(rejected);
    }

    public List<String> rejected() {
        return rejected;
    }
}
