package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.mapping.MailboxTree;

/** A small tree reader for the engine's tests (the mapping's MailboxTrees does this properly). */
final class TestTrees {

    private TestTrees() {
    }

    static MailboxTree read(IMAPStore store) throws MessagingException {
        char separator = store.getDefaultFolder().getSeparator();
        Folder[] personal = store.getPersonalNamespaces();
        String prefix = personal.length == 0 ? "" : personal[0].getFullName();
        if (!prefix.isEmpty() && prefix.charAt(prefix.length() - 1) != separator) prefix += separator;
        Set<String> subscribed = new HashSet<>();
        for (Folder f : store.getDefaultFolder().listSubscribed("*")) subscribed.add(f.getFullName());
        List<MailboxTree.Folder> folders = new ArrayList<>();
        for (Folder f : store.getDefaultFolder().list("*")) {
            folders.add(new MailboxTree.Folder(f.getFullName(), Set.of(((IMAPFolder) f).getAttributes()),
                    subscribed.contains(f.getFullName())));
        }
        return new MailboxTree(prefix, separator, false, folders);
    }
}
