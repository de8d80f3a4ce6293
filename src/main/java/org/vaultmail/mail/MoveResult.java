package org.vaultmail.mail;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a move, copy or delete did: {@code count} messages reached {@code to} (null for a permanent delete), and
 * where the server reported them (UIDPLUS COPYUID) their new UIDs by old UID under {@code uidValidity}: what an
 * undo needs. An empty map means the server did not say (no UIDPLUS): the move cannot be undone by UID.
 */
public record MoveResult(@Nullable FolderPath to, long uidValidity,
                         Map<Long, Long> newUids, int count) {

    public MoveResult {
        newUids = Map.copyOf(newUids);
    }

    /** Messages removed for good. */
    public static MoveResult removed(int count) {
        return new MoveResult(null, 0, Map.of(), count);
    }

    /** Whether every message's new UID is known. */
    public boolean undoable() {
        return to != null && count > 0 && newUids.size() == count;
    }
}
