package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.mapping.MailboxTree;

/** Creates the destination folders the mapping marked missing (parents first), and copies the subscriptions. */
final class DestinationFolders {

    private DestinationFolders() {
    }

    /**
     * In the mapper's order, which puts parents before children. A {@code \Noselect} source parent (or one the mapper
     * added) is not created as an ordinary folder when a child is created below it: the child's CREATE makes the
     * hierarchy (RFC 3501 6.3.3), and on most servers the parent stays a {@code \Noselect} name, as on the source. Only
     * when no child makes it (none in scope, or a server that creates no superiors) is it created as a folder.
     */
    static void create(IMAPStore destination, List<FolderPair> pairs) throws MessagingException, MigrationFailure {
        char separator = destination.getDefaultFolder().getSeparator();
        List<FolderPair> waiting = new ArrayList<>();
        for (FolderPair pair : pairs) {
            if (!pair.createOnDestination()) continue;
            if (!pair.selectable() && hasChildToCreate(pair, pairs, separator)) {
                waiting.add(pair);
                continue;
            }
            create(destination, pair);
        }
        for (FolderPair parent : waiting) create(destination, parent); // exists now on most servers: nothing sent
    }

    private static void create(IMAPStore destination, FolderPair pair) throws MessagingException, MigrationFailure {
        Folder folder = destination.getFolder(pair.destination());
        if (folder.exists()) return; // made by an earlier pass, or as a child's parent
        if (!folder.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS) && !folder.exists()) {
            throw new MigrationFailure(MigrationFailure.Kind.PROTOCOL, false,
                    "the destination server would not create the folder " + pair.destination());
        }
    }

    private static boolean hasChildToCreate(FolderPair parent, List<FolderPair> pairs, char separator) {
        String prefix = parent.destination() + separator;
        for (FolderPair p : pairs) {
            if (p.createOnDestination() && p.selectable() && p.destination().startsWith(prefix)) return true;
        }
        return false;
    }

    /** SUBSCRIBE for what the source subscribes and the destination's LIST did not show subscribed already. */
    static void subscribe(IMAPStore destination, List<FolderPair> pairs, MailboxTree destinationTree) throws MessagingException {
        Set<String> already = new HashSet<>();
        for (MailboxTree.Folder f : destinationTree.folders()) if (f.subscribed()) already.add(f.name());
        for (FolderPair pair : pairs) {
            if (pair.subscribed() && !already.contains(pair.destination())) {
                destination.getFolder(pair.destination()).setSubscribed(true);
            }
        }
    }
}
