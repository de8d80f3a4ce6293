package org.vaultmail.gateway.mailboxes;

import java.util.Locale;

/**
 * A mailbox whose credentials Vaultmail keeps at rest so that mail can be sent through it while its owner is not
 * signed in. Carries no credential: those stay sealed until {@link ConnectedMailboxes#withSmtp} opens them.
 *
 * @param kind {@code OWN} (the user's own sign-in address) or {@code SHARED} (another address on a configured domain)
 */
public record ConnectedMailbox(long id, long userId, String address, Kind kind, MailboxState state) {

    public enum Kind {
        OWN, SHARED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
