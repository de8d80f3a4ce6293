package org.vaultmail.migrate;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.MigrationFixture.FolderEntry;
import org.vaultmail.migrate.MigrationFixture.Manifest;
import org.vaultmail.migrate.MigrationFixture.Naming;

/**
 * The copies anyone would write first with Angus: each folder's messages handed to {@code appendMessages} as they are
 * ({@link #copy}), or as new {@code MimeMessage}s made from them ({@link #copyAsNewMessages}).
 */
final class NaiveCopy {

    private NaiveCopy() {
    }

    static void copy(IMAPStore from, IMAPStore to, Manifest manifest, Naming naming) throws MessagingException {
        copy(from, to, manifest, naming, false);
    }

    /** A new message has no flags and no received date: the server sets neither from the original. */
    static void copyAsNewMessages(IMAPStore from, IMAPStore to, Manifest manifest, Naming naming) throws MessagingException {
        copy(from, to, manifest, naming, true);
    }

    private static void copy(IMAPStore from, IMAPStore to, Manifest manifest, Naming naming, boolean asNew)
            throws MessagingException {
        for (FolderEntry f : manifest.folders()) {
            Folder source = from.getFolder(f.name());
            Folder destination = to.getFolder(naming.name(f.logical()));
            if (!destination.exists()) destination.create(Folder.HOLDS_MESSAGES);
            source.open(Folder.READ_ONLY);
            try {
                Message[] messages = source.getMessages();
                if (asNew) {
                    for (int i = 0; i < messages.length; i++) messages[i] = new MimeMessage((MimeMessage) messages[i]);
                }
                destination.appendMessages(messages);
            } finally {
                source.close(false);
            }
        }
    }
}
