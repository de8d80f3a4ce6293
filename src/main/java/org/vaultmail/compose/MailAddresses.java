package org.vaultmail.compose;

import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;
import org.vaultmail.i18n.UserText;

/**
 * Compose's address and header checks for other modules (the gateway's outbox API validates "as in compose"): one
 * rule for what a mail address and a header value may be, not a copy. A refusal is an {@link IllegalArgumentException}
 * whose message names the field, as compose's own errors do (in English); it is also a {@link UserText.Shown}, so a
 * caller can tell it in the reader's language.
 */
@NamedInterface("addresses")
public final class MailAddresses {

    private MailAddresses() {
    }

    /** One address as typed ({@code bob@example.org} or {@code Bob <bob@example.org>}), checked like compose's fields. */
    public static InternetAddress parse(String field, String value) {
        try {
            return Recipients.one(field, value);
        } catch (ComposeException e) {
            throw new Refused(e);
        }
    }

    /** An address with an optional display name, both checked. */
    public static InternetAddress address(String field, String address, @Nullable String name) {
        try {
            return Recipients.address(field, address, name);
        } catch (ComposeException e) {
            throw new Refused(e);
        }
    }

    /** {@code value} unchanged (null as empty) when it holds no CR, LF or NUL (header injection). */
    public static String headerText(String field, @Nullable String value) {
        try {
            return HeaderText.check(field, value);
        } catch (ComposeException e) {
            throw new Refused(e);
        }
    }

    /** Compose's refusal as an {@link IllegalArgumentException}, with its text for the reader's language. */
    private static final class Refused extends IllegalArgumentException implements UserText.Shown {

        private static final long serialVersionUID = 1L;

        private final @Nullable UserText text;

        Refused(ComposeException e) {
            super(e.getMessage());
            this.text = e.text();
        }

        @Override
        public @Nullable UserText text() {
            return text;
        }
    }
}
