package org.vaultmail.gateway.outbox.delivery;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How one attempt ended, as far as the exactly-once discipline is concerned (ADR 0038), whatever the transport: an
 * SMTP conversation or a provider's send API (ADR 0044).
 */
sealed interface DeliveryOutcome {

    /**
     * The server accepted the message (final 2xx after the data, or the API's 2xx); {@code refused} recipients were
     * refused with 5xx (SMTP only).
     */
    record Sent(int code, String text, int refused, @Nullable Integer refusalCode) implements DeliveryOutcome {
    }

    /**
     * Nothing was accepted and the server said so or never saw the data: another attempt may follow, not before
     * {@code notBefore} when the server said when (an API's {@code Retry-After}).
     */
    record Temporary(String reason, @Nullable Integer code, @Nullable String text, @Nullable Instant notBefore)
            implements DeliveryOutcome {

        Temporary(String reason, @Nullable Integer code, @Nullable String text) {
            this(reason, code, text, null);
        }
    }

    /** The server refused for good (5xx, an API's 4xx) before accepting anything. */
    record Permanent(String reason, int code, String text) implements DeliveryOutcome {
    }

    /** The data went out and no final answer came back: the server may or may not have the message. */
    record Uncertain(String why) implements DeliveryOutcome {
    }

    /** The lease was no longer ours at the data mark: this node stopped before sending; the message is someone else's. */
    record LeaseLost() implements DeliveryOutcome {
    }
}
