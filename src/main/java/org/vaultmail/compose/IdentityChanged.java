package org.vaultmail.compose;

import java.util.List;

/**
 * A user changed one of their From identities (display name and/or signature); published for the audit
 * log. {@code fields} names what changed ({@code display_name}, {@code signature}), never the values: a
 * signature is the user's own text.
 */
public record IdentityChanged(long userId, String address, String sessionId, String identity, List<String> fields) {

    public IdentityChanged {
        fields = List.copyOf(fields);
    }
}
