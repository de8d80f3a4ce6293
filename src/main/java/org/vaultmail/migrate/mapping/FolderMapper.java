package org.vaultmail.migrate.mapping;

import java.util.List;

import org.vaultmail.migrate.MigrationOptions;

/**
 * Maps a source tree onto a destination tree: manual rules first, then special-use (attribute or localised name) to
 * the destination's folder of the same use, then the path translated (prefix stripped and added, separator swapped;
 * a separator character inside a name is replaced, and reported by name). Include/exclude and skip-Trash/Junk apply to
 * source names. Parents come before their children in the result.
 */
public interface FolderMapper {

    List<FolderPair> map(MailboxTree source, MailboxTree destination, MigrationOptions options);

    /** The pairs of {@link #map} with the notes the job's report shows (renamed levels, collisions). */
    default FolderMapping plan(MailboxTree source, MailboxTree destination, MigrationOptions options) {
        return new FolderMapping(map(source, destination, options), List.of());
    }
}
