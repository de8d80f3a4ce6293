package org.vaultmail.mail.internal;

import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;

/**
 * Which folder the one IMAP connection has selected, and how commands get a folder: selected afresh (after a
 * NOOP when it is already open), reused for UID commands, or unselected for commands that name their mailbox.
 * Every command of a store runs on this one connection: Angus would take a second one from the store's pool
 * for a store-level command while a folder is open (a second LOGIN, then a LOGOUT when the folder closes).
 */
final class Selection {

    private final IMAPStore store;
    private @Nullable IMAPFolder selected;

    Selection(IMAPStore store) {
        this.store = store;
    }

    /** The folder, selected read-write; the one already selected is reused after a NOOP picks up changes. */
    IMAPFolder select(FolderPath path) throws MessagingException {
        IMAPFolder current = openAs(path);
        if (current != null) {
            noop(current);
            if (current.isOpen()) return current;
        }
        deselect();
        IMAPFolder folder = folder(path.asString());
        try {
            folder.open(Folder.READ_WRITE);
        } catch (FolderNotFoundException e) {
            throw new MailStoreException(Reason.NOT_FOUND, "No folder " + path.asString(), e);
        }
        selected = folder;
        return folder;
    }

    /**
     * The folder for a command that addresses messages by UID: the one already selected is reused without
     * a NOOP (the UID command itself sees the server's current state).
     */
    IMAPFolder selectForUid(FolderPath path) throws MessagingException {
        IMAPFolder current = openAs(path);
        return current != null ? current : select(path);
    }

    /** The selected folder after a NOOP (so it counts others' changes), else INBOX closed: its commands go through the store's connection. */
    IMAPFolder anyRefreshed() throws MessagingException {
        IMAPFolder current = selected;
        if (current != null && current.isOpen()) {
            noop(current);
            return current;
        }
        return folder("INBOX");
    }

    /** The folder to run a command that names its mailbox itself (STATUS) through: the selected one when there is one. */
    IMAPFolder onOneConnection(IMAPFolder folder) {
        IMAPFolder current = selected;
        return current != null && current.isOpen() ? current : folder;
    }

    boolean isSelected(FolderPath path) {
        return openAs(path) != null;
    }

    /** The one "is this folder already open" check: the selected folder if it is {@code path} and still open. */
    private @Nullable IMAPFolder openAs(FolderPath path) {
        IMAPFolder current = selected;
        return current != null && current.isOpen() && current.getFullName().equals(path.asString()) ? current : null;
    }

    /** A NOOP on the folder's connection: the server reports what others changed (new mail, expunges, flags). */
    static void noop(IMAPFolder folder) throws MessagingException {
        folder.doCommand(p -> {
            p.noop();
            return null;
        });
    }

    /** A folder object, not opened (its commands go through the store's connection: deselect first if needed). */
    IMAPFolder folder(String fullName) throws MessagingException {
        return (IMAPFolder) store.getFolder(fullName);
    }

    /** The folder, not selected, with nothing selected any more: for commands that name their mailbox (APPEND, CREATE, …). */
    IMAPFolder unselected(FolderPath path) throws MessagingException {
        deselect();
        return folder(path.asString());
    }

    /** Every folder of the account ({@code LIST "" *}); call with nothing selected, to stay on one connection. */
    Folder[] all() throws MessagingException {
        return store.getDefaultFolder().list("*");
    }

    /** Closes the selected folder (CLOSE, without expunging). */
    void deselect() throws MessagingException {
        IMAPFolder current = selected;
        selected = null;
        if (current != null && current.isOpen()) current.close(false);
    }

    /**
     * Closes the folder after our own EXPUNGEs: Angus keeps expunged messages in its cache (numbered as before) until
     * the folder is closed, so the next command selects it afresh instead of seeing ghosts.
     */
    void forgetExpunged() {
        try {
            deselect();
        } catch (MessagingException e) {
            // the next select opens it anew either way
        }
    }

    boolean isConnected() {
        return store.isConnected();
    }

    void close() {
        forgetExpunged(); // closing anyway
        try {
            store.close();
        } catch (MessagingException e) {
            // the connection is gone either way
        }
    }
}
