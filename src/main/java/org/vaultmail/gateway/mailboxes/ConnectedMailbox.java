package org.vaultmail.gateway.mailboxes;

import java.util.Locale;

/**
 * A mailbox whose credentials Vaultmail keeps at rest so that mail can be sent through it while its owner is not
 * signed in. Carries no credential: those stay sealed until {@link ConnectedMailboxes#withSmtp} opens them.
 *
 * @param kind {@code OWN} (the user's own sign-in address) or {@code SHARED} (another address on a configured domain),
 *             both with a sealed password; {@code GOOGLE} or {@code MICROSOFT}: an OAuth grant, sent through the
 *             provider's API ({@link ConnectedMailboxes#sendApi}, ADR 0044)
 */
public record ConnectedMailbox(long id, long userId, String address, Kind kind, MailboxState state) {

    public enum Kind {
        OWN, SHARED, GOOGLE, MICROSOFT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Sends through a provider's API with OAuth tokens, not through SMTP with a password. */
        public boolean oauth() {
            return this == GOOGLE || this == MICROSOFT;
        }
    }

    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
