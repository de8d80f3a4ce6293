package org.vaultmail.compose;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.FolderRole;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.reading.Mailbox;

/** Finds the user's Drafts and Sent folders by role (SPECIAL-USE, else the well-known names). */
@Component
class Folders {

    private final Mailbox mailbox;

    Folders(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    FolderPath drafts(AuthenticatedSession me) {
        return role(me, FolderRole.DRAFTS).orElseThrow(() -> new MailStoreException(MailStoreException.Reason.NOT_FOUND,
                "Your mailbox has no Drafts folder"));
    }

    Optional<FolderPath> sent(AuthenticatedSession me) {
        return role(me, FolderRole.SENT);
    }

    private Optional<FolderPath> role(AuthenticatedSession me, FolderRole role) {
        return mailbox.folderWithRole(me, role);
    }
}
