package org.vaultmail.migrate.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Hand-built trees shaped like the two shared servers, for the mapper's unit tests. */
final class Trees {

    private final String prefix;
    private final char separator;
    private final List<MailboxTree.Folder> folders = new ArrayList<>();

    private Trees(String prefix, char separator) {
        this.prefix = prefix;
        this.separator = separator;
    }

    /** Like the main Dovecot: no prefix, "/". */
    static Trees main() {
        return new Trees("", '/').add("INBOX");
    }

    /** Like the second Dovecot (Courier/Cyrus style): prefix "INBOX.", ".". */
    static Trees second() {
        return new Trees("INBOX.", '.').add("INBOX", "\\HasChildren");
    }

    static Trees of(String prefix, char separator) {
        return new Trees(prefix, separator);
    }

    Trees add(String name, String... attributes) {
        folders.add(new MailboxTree.Folder(name, Set.of(attributes), true));
        return this;
    }

    Trees unsubscribed(String name, String... attributes) {
        folders.add(new MailboxTree.Folder(name, Set.of(attributes), false));
        return this;
    }

    MailboxTree tree() {
        return new MailboxTree(prefix, separator, false, folders);
    }
}
