package org.vaultmail.migrate.mapping;

/**
 * Something the mapper decided that the job's report should show: a renamed level, a collision, a folder that lost
 * its special use to another. Full names as each server spells them; never a credential.
 */
public record MappingNote(Kind kind, String source, String destination) {

    /** Why the note was written. */
    public enum Kind {
        /** A level of the source name held the destination's separator; it was replaced (see FolderPaths). */
        SEPARATOR_REPLACED,
        /** Another source folder already took this destination name; this one got a numbered name instead. */
        COLLISION_RENAMED,
        /** Another source folder of the same special use went to the destination's special folder; this one went by path. */
        SPECIAL_USE_TAKEN,
        /** A manual rule sends a source folder to a destination another source folder also goes to: merged on purpose. */
        MERGED_BY_RULE,
        /** A manual rule names no source folder in scope (a typo, or excluded): source is the rule's, nothing mapped. */
        RULE_UNUSED,
        /** A parent the source does not list, or that the patterns left out, added to hold its children. */
        PARENT_ADDED
    }
}
