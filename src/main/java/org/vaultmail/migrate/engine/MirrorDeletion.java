package org.vaultmail.migrate.engine;

import java.util.Collection;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Mirror mode's removal: {@code UID STORE set +FLAGS.SILENT (\Deleted)} then {@code UID EXPUNGE set} (UIDPLUS), so
 * only these messages go, never another \Deleted message the folder holds.
 */
final class MirrorDeletion {

    private final SyncCounters counters;

    MirrorDeletion(SyncCounters counters) {
        this.counters = counters;
    }

    static boolean supported(IMAPFolder destination) throws MessagingException {
        return ((org.eclipse.angus.mail.imap.IMAPStore) destination.getStore()).hasCapability("UIDPLUS");
    }

    long delete(IMAPFolder destination, Collection<Long> uids) throws MessagingException, ServerThrottled {
        if (uids.isEmpty()) return 0;
        for (String set : ImapCommands.uidSets(uids)) {
            ImapCommands.requireOk(ImapCommands.run(destination, false, "UID STORE " + set + " +FLAGS.SILENT (\\Deleted)", null), "STORE");
            ImapCommands.requireOk(ImapCommands.run(destination, false, "UID EXPUNGE " + set, null), "UID EXPUNGE");
        }
        counters.expunged.addAndGet(uids.size());
        return uids.size();
    }
}
