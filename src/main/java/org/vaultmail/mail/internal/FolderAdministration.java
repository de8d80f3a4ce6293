package org.vaultmail.mail.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.FolderRole;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;

/** Creating, renaming, deleting and (un)subscribing folders; INBOX and special-use folders are protected. */
final class FolderAdministration {

    private final Selection selection;
    private final FolderTree tree;

    FolderAdministration(Selection selection, FolderTree tree) {
        this.selection = selection;
        this.tree = tree;
    }

    void create(FolderPath path) throws MessagingException {
        IMAPFolder folder = selection.unselected(path);
        if (folder.exists()) throw new MailStoreException(Reason.EXISTS, "There is already a folder " + path.asString());
        if (!folder.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS)) {
            throw new MailStoreException(Reason.REFUSED, "The server did not create the folder " + path.asString());
        }
        folder.setSubscribed(true);
    }

    void rename(FolderPath from, FolderPath to) throws MessagingException {
        IMAPFolder folder = unprotected(from);
        IMAPFolder target = selection.folder(to.asString());
        if (target.exists()) throw new MailStoreException(Reason.EXISTS, "There is already a folder " + to.asString());
        boolean subscribed = folder.isSubscribed();
        if (!folder.renameTo(target)) throw new MailStoreException(Reason.REFUSED, "The server did not rename " + from.asString());
        if (subscribed) {
            selection.folder(to.asString()).setSubscribed(true);
            try {
                folder.setSubscribed(false);
            } catch (MessagingException e) {
                // the old name is gone; a server may have moved the subscription itself
            }
        }
    }

    void delete(FolderPath path) throws MessagingException {
        IMAPFolder folder = unprotected(path);
        try {
            folder.setSubscribed(false);
        } catch (MessagingException e) {
            // not subscribed is fine
        }
        if (!folder.delete(true)) throw new MailStoreException(Reason.REFUSED, "The server did not delete " + path.asString());
    }

    void subscribe(FolderPath path, boolean subscribed) throws MessagingException {
        IMAPFolder folder = selection.unselected(path);
        if (!folder.exists()) throw new MailStoreException(Reason.NOT_FOUND, "No folder " + path.asString());
        folder.setSubscribed(subscribed);
    }

    /** The folder, closed, if it exists and neither it nor a subfolder is INBOX or special-use. */
    private IMAPFolder unprotected(FolderPath path) throws MessagingException {
        selection.deselect();
        if (path.isInbox()) throw new MailStoreException(Reason.PROTECTED, "INBOX cannot be renamed or deleted");
        List<FolderTree.Named> named = tree.named();
        if (named.stream().noneMatch(f -> f.name().equals(path.asString()))) {
            throw new MailStoreException(Reason.NOT_FOUND, "No folder " + path.asString());
        }
        String below = path.asString() + path.delimiter();
        for (Map.Entry<String, FolderRole> role : tree.roles(named).entrySet()) {
            if (role.getKey().equals(path.asString()) || (path.delimiter() != '\0' && role.getKey().startsWith(below))) {
                throw new MailStoreException(Reason.PROTECTED, role.getKey() + " is a special folder (" + role.getValue().name()
                        .toLowerCase(Locale.ROOT) + ") and cannot be renamed or deleted");
            }
        }
        return selection.folder(path.asString());
    }
}
