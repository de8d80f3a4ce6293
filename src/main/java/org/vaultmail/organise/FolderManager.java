package org.vaultmail.organise;


import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.InputRefused;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.FolderRole;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.reading.Mailbox;
import org.vaultmail.reading.MailboxChanges;

/** Creating, renaming, deleting, (un)subscribing and emptying folders of the signed-in user. */
@Service
public class FolderManager {

    private final Mailbox mailbox;
    private final MailboxChanges changes;
    private final ApplicationEventPublisher events;

    FolderManager(Mailbox mailbox, MailboxChanges changes, ApplicationEventPublisher events) {
        this.mailbox = mailbox;
        this.changes = changes;
        this.events = events;
    }

    /** Creates {@code path} (its full name, the server's delimiter between levels); the new folder. */
    public FolderPath create(AuthenticatedSession me, String path) {
        FolderPath folder = newPath(me, path);
        changes.createFolder(me, folder);
        mailbox.folders(me); // learn the new name
        changed(me, FolderChanged.Change.CREATED, folder, null);
        return folder;
    }

    /** Renames a folder; the new path. */
    public FolderPath rename(AuthenticatedSession me, String from, String to) {
        FolderPath source = mailbox.folder(me, from);
        FolderPath target = newPath(me, to);
        if (target.equals(source)) return source;
        changes.renameFolder(me, source, target);
        mailbox.folders(me);
        changed(me, FolderChanged.Change.RENAMED, source, target);
        return target;
    }

    public void delete(AuthenticatedSession me, String path) {
        FolderPath folder = mailbox.folder(me, path);
        changes.deleteFolder(me, folder);
        mailbox.folders(me);
        changed(me, FolderChanged.Change.DELETED, folder, null);
    }

    public void subscribe(AuthenticatedSession me, String path, boolean subscribed) {
        FolderPath folder = mailbox.folder(me, path);
        changes.subscribe(me, folder, subscribed);
        changed(me, subscribed ? FolderChanged.Change.SUBSCRIBED : FolderChanged.Change.UNSUBSCRIBED, folder, null);
    }

    /** Removes every message of the Trash or Junk folder for good; how many. Other folders are refused. */
    public int empty(AuthenticatedSession me, String path) {
        FolderPath folder = mailbox.folder(me, path);
        mailbox.folders(me); // listed afresh: emptying deletes for good, so the roles must be the server's of now
        boolean trashOrJunk = java.util.stream.Stream.of(FolderRole.TRASH, FolderRole.JUNK)
                .anyMatch(role -> mailbox.folderWithRole(me, role).filter(folder::equals).isPresent());
        if (!trashOrJunk) {
            throw InputRefused.of("input.organise.emptyOnlyTrashOrJunk", folder.asString());
        }
        return changes.empty(me, folder);
    }

    /** Published for the audit log once the server did it (a refused change throws before). */
    private void changed(AuthenticatedSession me, FolderChanged.Change change, FolderPath folder, @Nullable FolderPath newFolder) {
        events.publishEvent(new FolderChanged(me.userId(), me.address(), me.sessionId(), change, folder.asString(),
                newFolder == null ? null : newFolder.asString()));
    }

    private FolderPath newPath(AuthenticatedSession me, String path) {
        if (path == null || path.isBlank()) throw InputRefused.of("input.organise.pathRequired");
        if (path.length() > 500) throw InputRefused.of("input.organise.pathTooLong");
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) throw InputRefused.of("input.organise.pathControl");
            if (c == '*' || c == '%') throw InputRefused.of("input.organise.pathWildcard");
        }
        char delimiter = mailbox.folder(me, "INBOX").delimiter();
        String clean = path.strip();
        if (delimiter != '\0' && (clean.startsWith(String.valueOf(delimiter)) || clean.endsWith(String.valueOf(delimiter))
                || clean.contains("" + delimiter + delimiter))) {
            throw InputRefused.of("input.organise.pathLevels", String.valueOf(delimiter));
        }
        return FolderPath.of(clean, delimiter);
    }
}
