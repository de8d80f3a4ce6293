package org.vaultmail.migrate.engine;

import java.util.List;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.mapping.FolderPair;

/** Creates the destination folders the mapping marked missing (parents first), and copies the subscriptions. */
final class DestinationFolders {

    private DestinationFolders() {
    }

    /**
     * In the mapper's order, which puts parents before children. A \Noselect source parent is created as an ordinary
     * folder: servers differ in whether they can create one that holds no messages, and an empty folder is harmless.
     */
    static void create(IMAPStore destination, List<FolderPair> pairs) throws MessagingException, MigrationFailure {
        for (FolderPair pair : pairs) {
            if (!pair.createOnDestination()) continue;
            Folder folder = destination.getFolder(pair.destination());
            if (folder.exists()) continue; // made by an earlier pass, or as a child's parent
            if (!folder.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS) && !folder.exists()) {
                throw new MigrationFailure(MigrationFailure.Kind.PROTOCOL, false,
                        "the destination server would not create the folder " + pair.destination());
            }
        }
    }

    /** SUBSCRIBE is idempotent, so a rerun simply sends it again. */
    static void subscribe(IMAPStore destination, List<FolderPair> pairs) throws MessagingException {
        for (FolderPair pair : pairs) {
            if (pair.subscribed()) destination.getFolder(pair.destination()).setSubscribed(true);
        }
    }
}
