package org.vaultmail.migrate.mapping;

import java.util.List;
import java.util.Set;

/**
 * One server's folders as its LIST, LSUB/LIST-EXTENDED, NAMESPACE and SPECIAL-USE describe them.
 *
 * @param personalPrefix the personal namespace's prefix ({@code ""}, or {@code INBOX.} on Courier/Cyrus-style servers)
 * @param separator      the hierarchy separator ({@code /}, {@code .})
 * @param utf8Accept     whether the server accepted UTF8=ACCEPT (names travel as UTF-8, not modified UTF-7)
 */
public record MailboxTree(String personalPrefix, char separator, boolean utf8Accept, List<Folder> folders) {

    public MailboxTree {
        folders = List.copyOf(folders);
    }

    /**
     * @param name       full name, decoded
     * @param attributes LIST attributes as sent ({@code \Noselect}, {@code \HasChildren}, {@code \Sent}, …)
     */
    public record Folder(String name, Set<String> attributes, boolean subscribed) {
        public Folder {
            attributes = Set.copyOf(attributes);
        }
    }
}
