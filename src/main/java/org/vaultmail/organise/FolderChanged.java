package org.vaultmail.organise;

import org.jspecify.annotations.Nullable;

/**
 * A user created, renamed, deleted, subscribed to or unsubscribed from a folder (the folder settings page or
 * the API); published for the audit log. {@code newFolder} is the new name of a rename. No message content.
 */
public record FolderChanged(long userId, String address, String sessionId, Change change, String folder,
                            @Nullable String newFolder) {

    /** What was done. */
    public enum Change { CREATED, RENAMED, DELETED, SUBSCRIBED, UNSUBSCRIBED }
}
