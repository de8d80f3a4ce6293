package org.vaultmail.organise;

import java.util.Locale;

import org.vaultmail.i18n.InputRefused;

/** What to do with selected messages. */
public enum Action {
    SEEN, UNSEEN, FLAG, UNFLAG, MOVE, COPY, DELETE, ARCHIVE, JUNK;

    /** The action named {@code name} (case-insensitive); a 400 for anything else. */
    public static Action of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InputRefused.of("input.organise.action");
        }
    }

    /** Whether the messages leave their folder (and the action can be undone by moving them back). */
    public boolean moves() {
        return this == MOVE || this == DELETE || this == ARCHIVE || this == JUNK;
    }

    /** Whether the action names its destination folder. */
    public boolean needsDestination() {
        return this == MOVE || this == COPY;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
