package org.vaultmail.organise;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vaultmail.i18n.InputRefused;

/**
 * Which messages of a folder: the given UIDs, or ({@code all}) every message matching {@code query} (the whole
 * folder when it is null), including those on pages the client never loaded.
 */
public record Selection(String folder, List<Long> uids, boolean all, @Nullable String query) {

    public Selection {
        uids = List.copyOf(uids);
        if (!all && uids.isEmpty()) throw InputRefused.of("input.organise.uidsRequired");
        if (all && !uids.isEmpty()) throw InputRefused.of("input.organise.uidsAndAll");
        for (long uid : uids) if (uid <= 0 || uid > 0xFFFF_FFFFL) throw InputRefused.of("input.organise.uidRange");
    }

    public static Selection of(String folder, List<Long> uids) {
        return new Selection(folder, uids, false, null);
    }

    public static Selection allIn(String folder, @Nullable String query) {
        return new Selection(folder, List.of(), true, query == null || query.isBlank() ? null : query);
    }
}
