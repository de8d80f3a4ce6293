package org.vaultmail.organise;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an action did: {@code count} messages, moved to {@code to} (null when they stayed or were removed for good);
 * {@code undoToken} moves them back (null when the server did not report their new UIDs, or nothing moved).
 * {@code newUids} (old UID to new UID in {@code to}) only for selections done within the request.
 */
public record Outcome(Action action, int count, @Nullable String to, @Nullable String undoToken, Map<Long, Long> newUids) {

    public Outcome {
        newUids = Map.copyOf(newUids);
    }
}
