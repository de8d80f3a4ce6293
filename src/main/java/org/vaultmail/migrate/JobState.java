package org.vaultmail.migrate;

import java.util.Locale;

/** A job's durable state; {@code finished}, {@code failed} and {@code cancelled} are final (credentials deleted). */
public enum JobState {
    QUEUED, RUNNING, PAUSED, FINISHED, FAILED, CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == FINISHED || this == FAILED || this == CANCELLED;
    }

    public static JobState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
