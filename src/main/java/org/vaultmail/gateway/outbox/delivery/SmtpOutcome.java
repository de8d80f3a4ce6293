package org.vaultmail.gateway.outbox.delivery;

import org.jspecify.annotations.Nullable;

/** How one SMTP conversation ended, as far as the exactly-once discipline is concerned (ADR 0038). */
sealed interface SmtpOutcome {

    /** The server accepted the message (final 2xx after the data); {@code refused} recipients were refused with 5xx. */
    record Sent(int code, String text, int refused, @Nullable Integer refusalCode) implements SmtpOutcome {
    }

    /** Nothing was accepted and the server said so or never saw DATA: another attempt may follow. */
    record Temporary(String reason, @Nullable Integer code, @Nullable String text) implements SmtpOutcome {
    }

    /** The server refused for good (5xx) before accepting anything. */
    record Permanent(String reason, int code, String text) implements SmtpOutcome {
    }

    /** DATA went out and no final reply came back: the server may or may not have the message. */
    record Uncertain(String why) implements SmtpOutcome {
    }

    /** The lease was no longer ours at the DATA mark: this node stopped before DATA; the message is someone else's. */
    record LeaseLost() implements SmtpOutcome {
    }
}
