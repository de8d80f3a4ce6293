package org.vaultmail.migrate.mapping;

import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.imap.IMAPStore;

/** Plain-IMAP stores on loopback test servers, and folder set-up and clean-up through Angus Mail. */
final class TestStores {

    private TestStores() {
    }

    static IMAPStore connect(int port, String address, String password) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "15000");
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", port, address, password);
        return store;
    }

    /**
     * Creates a folder that can hold messages and folders, as the engine would, and subscribes it if asked. Not
     * guarded by {@code exists()}: Angus says a Dovecot \NonExistent placeholder exists.
     */
    static void create(IMAPStore store, String name, boolean subscribe) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS)) {
            throw new MessagingException("could not create " + name);
        }
        if (subscribe) folder.setSubscribed(true);
    }

    static List<String> names(IMAPStore store) throws MessagingException {
        return MailboxTrees.read(store).folders().stream().map(MailboxTree.Folder::name).toList();
    }

    /** Deletes (and unsubscribes) every folder but these, deepest first; placeholders (\NonExistent) go with them. */
    static void deleteAllBut(IMAPStore store, Set<String> keep) throws MessagingException {
        MailboxTree tree = MailboxTrees.read(store);
        List<MailboxTree.Folder> doomed = tree.folders().stream()
                .filter(f -> !keep.contains(f.name()) && !FolderPaths.isInbox(f.name()))
                .sorted(Comparator.comparingInt((MailboxTree.Folder f) -> f.name().length()).reversed())
                .toList();
        for (MailboxTree.Folder f : doomed) {
            Folder folder = store.getFolder(f.name());
            if (f.subscribed()) folder.setSubscribed(false);
            if (!SourceSelection.noSelect(f) && folder.exists()) folder.delete(false);
        }
    }

    /** Deletes the folders a test created, last first (children were created after their parents). */
    static void deleteCreated(IMAPStore store, List<String> created) throws MessagingException {
        for (int i = created.size() - 1; i >= 0; i--) {
            Folder folder = store.getFolder(created.get(i));
            if (folder.exists()) {
                folder.setSubscribed(false);
                folder.delete(false);
            }
        }
        created.clear();
    }
}
