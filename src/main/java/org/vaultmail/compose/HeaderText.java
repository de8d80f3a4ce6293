package org.vaultmail.compose;

import org.jspecify.annotations.Nullable;
import org.vaultmail.i18n.UserText;

/**
 * Header injection guard: a value that goes into a header (subject, names, addresses, filenames, Message-IDs)
 * may hold no CR, LF or NUL. Refused, not stripped: a silently changed subject or recipient is worse than an
 * error the user sees.
 */
final class HeaderText {

    private HeaderText() {
    }

    /** {@code value} unchanged (null as empty), or a {@link ComposeException} naming {@code field}. */
    static String check(String field, @Nullable String value) {
        if (value == null) return "";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new ComposeException(field, UserText.of("problem.compose.lineBreaks", field));
            }
        }
        return value;
    }
}
