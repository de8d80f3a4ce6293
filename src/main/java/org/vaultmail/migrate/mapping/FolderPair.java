package org.vaultmail.migrate.mapping;

import org.jspecify.annotations.Nullable;

/**
 * One source folder and the destination folder it goes to, both full names as Angus Mail gives and takes them
 * (decoded Unicode, each server's own separator and namespace prefix).
 *
 * @param specialUse     {@code \Sent}, {@code \Trash}, … when the folder is a special one, else null
 * @param subscribed     whether the source subscribes it (the destination will too)
 * @param createOnDestination whether the destination lacks it (the engine creates it, not in a dry run)
 * @param selectable     false for a \Noselect parent: created for the hierarchy, no messages copied
 */
public record FolderPair(String source, String destination, @Nullable String specialUse, boolean subscribed,
                         boolean createOnDestination, boolean selectable) {
}
