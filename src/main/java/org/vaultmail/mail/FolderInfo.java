package org.vaultmail.mail;

import org.jspecify.annotations.Nullable;

/** One folder of {@link MailStore#folders()}; counts are 0 for a folder that cannot hold messages. */
public record FolderInfo(FolderPath path, @Nullable FolderRole role, int total, int unread,
                         boolean selectable, boolean subscribed) {

    public String name() {
        return path.name();
    }
}
