package org.vaultmail.mail.internal;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.FolderStatus;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;

/** STATUS of a folder, on the connection in hand (also allowed on the selected folder). */
final class Statuses {

    private final Selection selection;
    private final Capabilities capabilities;

    Statuses(Selection selection, Capabilities capabilities) {
        this.selection = selection;
        this.capabilities = capabilities;
    }

    FolderStatus status(FolderPath path) throws MessagingException {
        boolean condstore = capabilities.has("CONDSTORE");
        Status status = raw(path, condstore);
        return new FolderStatus(path, status.total, status.unseen, status.uidnext, status.uidvalidity,
                condstore && status.highestmodseq > 0 ? status.highestmodseq : null);
    }

    /** One STATUS command; NOT_FOUND for a folder that does not exist. */
    Status raw(FolderPath path, boolean condstore) throws MessagingException {
        IMAPFolder folder = selection.folder(path.asString());
        String[] items = condstore ? new String[] {"MESSAGES", "UNSEEN", "UIDNEXT", "UIDVALIDITY", "HIGHESTMODSEQ"}
                : new String[] {"MESSAGES", "UNSEEN", "UIDNEXT", "UIDVALIDITY"};
        try {
            return (Status) selection.onOneConnection(folder).doCommand(p -> p.status(path.asString(), items));
        } catch (MessagingException e) {
            if (!folder.exists()) throw new MailStoreException(Reason.NOT_FOUND, "No folder " + path.asString(), e);
            throw e;
        }
    }
}
