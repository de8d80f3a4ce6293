package org.vaultmail.webmail;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the mail UI posts to organise messages (ADR 0056): the action, the chosen rows ({@code uid}, repeated) or
 * every message of the list ({@code all}), the destination folder for move and copy, the message open in the reading
 * pane ({@code open}) and whether the rows stay selected afterwards ({@code keep}, from the bulk bar).
 */
record OrganiseForm(@Nullable String action, @Nullable List<Long> uid, @Nullable Boolean all, @Nullable String to,
                    @Nullable Long open, @Nullable Boolean keep) {

    List<Long> uids() {
        return uid == null ? List.of() : uid.stream().distinct().toList();
    }

    boolean everything() {
        return Boolean.TRUE.equals(all);
    }

    boolean keepsSelection() {
        return Boolean.TRUE.equals(keep) && !everything();
    }

    boolean opened(List<Long> uids) {
        return open != null && uids.contains(open);
    }
}
