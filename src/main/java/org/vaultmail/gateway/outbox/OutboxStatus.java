package org.vaultmail.gateway.outbox;

import java.util.Locale;

/** A queued message's state (issue 13 item 3); {@link #label} is what the API and the database say. */
public enum OutboxStatus {
    QUEUED, SCHEDULED, SENDING, SENT, FAILED, HELD, DELIVERY_UNCERTAIN, CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutboxStatus of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** Nothing more happens to it without an explicit retry. */
    public boolean finished() {
        return this == SENT || this == FAILED || this == DELIVERY_UNCERTAIN || this == CANCELLED;
    }
}
