package org.vaultmail.migrate;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.MigrationFixture.FolderEntry;
import org.vaultmail.migrate.MigrationFixture.Manifest;
import org.vaultmail.migrate.MigrationFixture.Naming;

/** The copy anyone would write first with Angus: each folder's messages handed to {@code appendMessages}. */
final class NaiveCopy {

    private NaiveCopy() {
    }

    static void copy(IMAPStore from, IMAPStore to, Manifest manifest, Naming naming) throws MessagingException {
        for (FolderEntry f : manifest.folders()) {
            Folder source = from.getFolder(f.name());
            Folder destination = to.getFolder(naming.name(f.logical()));
            if (!destination.exists()) destination.create(Folder.HOLDS_MESSAGES);
            source.open(Folder.READ_ONLY);
            try {
                destination.appendMessages(source.getMessages());
            } finally {
                source.close(false);
            }
        }
    }
}
