package org.vaultmail.mail.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MoveResult;

/** Moving and copying messages to another folder, and removing them for good; chunk by chunk, only the UIDs still there. */
final class MessageTransfers {

    private final Selection selection;
    private final Statuses statuses;
    private final Capabilities capabilities;

    MessageTransfers(Selection selection, Statuses statuses, Capabilities capabilities) {
        this.selection = selection;
        this.statuses = statuses;
        this.capabilities = capabilities;
    }

    /** MOVE, or COPY (and for a move the expunge of only those); the folder is closed afterwards after a move (see {@link Selection#forgetExpunged}). */
    MoveResult transfer(FolderPath from, List<Long> uids, FolderPath to, boolean move) throws MessagingException {
        try {
            IMAPFolder folder = selection.select(from);
            long uidValidity = statuses.raw(to, false).uidvalidity; // NOT_FOUND before anything is done
            Map<Long, Long> newUids = new LinkedHashMap<>();
            int count = 0;
            for (List<Long> chunk : UidSets.chunks(uids)) {
                List<Long> present = UidCommands.present(folder, chunk);
                if (present.isEmpty()) continue;
                String set = UidSets.format(present);
                Response[] r;
                if (move && capabilities.has("MOVE")) {
                    r = UidCommands.run(folder, "UID MOVE " + set, to.asString());
                } else {
                    r = UidCommands.run(folder, "UID COPY " + set, to.asString());
                    if (move) UidCommands.removeForGood(folder, present, capabilities.has("UIDPLUS"));
                }
                UidSets.CopyUids copied = capabilities.has("UIDPLUS") ? UidCommands.copyUids(r) : null;
                if (copied != null) {
                    uidValidity = copied.uidValidity();
                    newUids.putAll(copied.newUids());
                }
                count += present.size();
            }
            return new MoveResult(to, uidValidity, newUids, count);
        } finally {
            if (move) selection.forgetExpunged();
        }
    }

    int expunge(FolderPath path, List<Long> uids) throws MessagingException {
        try {
            IMAPFolder folder = selection.select(path);
            int count = 0;
            for (List<Long> chunk : UidSets.chunks(uids)) {
                List<Long> present = UidCommands.present(folder, chunk);
                UidCommands.removeForGood(folder, present, capabilities.has("UIDPLUS"));
                count += present.size();
            }
            return count;
        } finally {
            selection.forgetExpunged();
        }
    }

    int empty(FolderPath path) throws MessagingException {
        try {
            IMAPFolder folder = selection.select(path);
            if (folder.getMessageCount() == 0) return 0;
            UidCommands.run(folder, "UID STORE 1:* +FLAGS.SILENT (\\Deleted)", null);
            Response[] r = UidCommands.run(folder, "EXPUNGE", null);
            return (int) Arrays.stream(r).filter(x -> x instanceof IMAPResponse ir && ir.keyEquals("EXPUNGE")).count();
        } finally {
            selection.forgetExpunged();
        }
    }
}
