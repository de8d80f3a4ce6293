package org.vaultmail.migrate;

import java.util.Locale;

/**
 * Something a folder's report should tell a person besides its counts: how the mapping named it, what the destination
 * could not take. {@code detail} is a folder name or a list of flag names as the servers spell them; never a credential
 * or a server's reply.
 */
public record FolderNote(Kind kind, String detail) {

    /** Why the note was written. */
    public enum Kind {
        /** A level of the source name held the destination's separator; {@code detail}: the name it got. */
        SEPARATOR_REPLACED,
        /** Another source folder already took the name; {@code detail}: the numbered name this one got. */
        COLLISION_RENAMED,
        /** Another folder of the same special use went to the destination's special folder; this one went by path. */
        SPECIAL_USE_TAKEN,
        /** A manual rule sends it to a destination another source folder also goes to; {@code detail}: that name. */
        MERGED_BY_RULE,
        /** A parent the source does not list (or that the patterns left out), added to hold its children. */
        PARENT_ADDED,
        /** A {@code \Noselect} parent on the source: no messages; on the destination only the hierarchy it implies. */
        NOSELECT_PARENT,
        /** Mirror mode: the destination lacks UIDPLUS, so nothing was deleted there. */
        MIRROR_NEEDS_UIDPLUS,
        /** Flags and keywords the destination's PERMANENTFLAGS refused; {@code detail}: their names. */
        FLAGS_NOT_SETTABLE;

        /** The JSON name: {@code flags-not-settable}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public FolderNote {
        detail = detail == null ? "" : detail;
    }

    /** The note in English, for the command line and the JSON's {@code text} (the pages use the message bundle). */
    public String text() {
        return switch (kind) {
            case SEPARATOR_REPLACED -> "renamed to " + detail + ": a level held the destination's hierarchy separator";
            case COLLISION_RENAMED -> "numbered as " + detail + ": another source folder already took the name";
            case SPECIAL_USE_TAKEN -> "copied by path: another folder of the same special use went to the destination's";
            case MERGED_BY_RULE -> "merged into " + detail + " by a manual rule, with another source folder";
            case PARENT_ADDED -> "added as the parent of selected folders (the source does not list it, or the patterns left it out)";
            case NOSELECT_PARENT -> "a \\Noselect parent on the source: holds no messages, not created as an ordinary folder";
            case MIRROR_NEEDS_UIDPLUS -> "mirror needs UIDPLUS on the destination; deletions skipped";
            case FLAGS_NOT_SETTABLE -> "flags the destination does not allow, not set: " + detail;
        };
    }
}
