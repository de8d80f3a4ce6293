package org.vaultmail.gateway.mailboxes;

import java.util.Locale;

/** A connected mailbox's state (issue 13 item 1); {@link #label} is what the API and the database say. */
public enum MailboxState {
    /** Credentials kept and last known to work: the outbox sends through it. */
    CONNECTED,
    /** The server refused the stored credentials: queued mail for it is held, not failed, until the user types the new password. */
    NEEDS_REAUTH,
    /** Switched off by an operator: nothing is sent through it. */
    DISABLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MailboxState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
