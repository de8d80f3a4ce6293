package org.vaultmail.mail.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.jspecify.annotations.Nullable;

/**
 * UID commands on the selected folder, written by hand: Angus's own copy and move address messages by sequence
 * number and need an {@code IMAPMessage} per message, where a UID range costs nothing. Every response goes
 * through Angus's handlers, so its view of the folder follows the EXPUNGEs.
 */
final class UidCommands {

    private UidCommands() {
    }

    /** Runs {@code command} (with {@code mailbox} as its last argument, if any); the responses, after a tagged OK. */
    static Response[] run(IMAPFolder folder, String command, @Nullable String mailbox) throws MessagingException {
        return (Response[]) folder.doCommand(p -> {
            Argument args = null;
            if (mailbox != null) {
                args = new Argument();
                if (p.supportsUtf8()) args.writeString(mailbox, StandardCharsets.UTF_8);
                else args.writeString(BASE64MailboxEncoder.encode(mailbox));
            }
            Response[] r = p.command(command, args);
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return r;
        });
    }

    /** {@code UID SEARCH <criteria>}: the UIDs found, ascending. */
    static List<Long> search(IMAPFolder folder, String criteria) throws MessagingException {
        List<Long> uids = new ArrayList<>();
        Response[] r = (Response[]) folder.doCommand(p -> {
            Response[] all = p.command("UID SEARCH " + criteria, null);
            Response[] rest = all.clone();
            for (int i = 0; i < rest.length; i++) {
                if (rest[i] instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) rest[i] = null;
            }
            p.notifyResponseHandlers(rest);
            p.handleResult(all[all.length - 1]);
            return all;
        });
        for (Response response : r) {
            String line = response.toString();
            if (!(response instanceof IMAPResponse) || !line.toUpperCase(Locale.ROOT).startsWith("* SEARCH")) continue;
            for (String token : line.substring("* SEARCH".length()).trim().split("\\s+")) {
                if (!token.isEmpty() && token.chars().allMatch(Character::isDigit)) uids.add(Long.parseLong(token));
            }
        }
        uids.sort(null);
        return uids;
    }

    /** Of these UIDs (ascending), the ones still in the folder. */
    static List<Long> present(IMAPFolder folder, List<Long> ascending) throws MessagingException {
        if (ascending.isEmpty()) return List.of();
        return search(folder, "UID " + UidSets.format(ascending));
    }

    /**
     * Marks these messages \Deleted and expunges only them: {@code UID EXPUNGE} with UIDPLUS; without, the other
     * messages already marked \Deleted are unmarked for the plain EXPUNGE and marked again after it.
     */
    static void removeForGood(IMAPFolder folder, List<Long> ascending, boolean uidplus) throws MessagingException {
        if (ascending.isEmpty()) return;
        String set = UidSets.format(ascending);
        if (uidplus) {
            run(folder, "UID STORE " + set + " +FLAGS.SILENT (\\Deleted)", null);
            run(folder, "UID EXPUNGE " + set, null);
            return;
        }
        Set<Long> ours = new HashSet<>(ascending);
        List<Long> others = search(folder, "DELETED").stream().filter(u -> !ours.contains(u)).toList();
        for (List<Long> chunk : UidSets.chunks(others)) run(folder, "UID STORE " + UidSets.format(chunk) + " -FLAGS.SILENT (\\Deleted)", null);
        try {
            run(folder, "UID STORE " + set + " +FLAGS.SILENT (\\Deleted)", null);
            run(folder, "EXPUNGE", null);
        } finally {
            for (List<Long> chunk : UidSets.chunks(others)) run(folder, "UID STORE " + UidSets.format(chunk) + " +FLAGS.SILENT (\\Deleted)", null);
        }
    }

    /** The COPYUID of any response (untagged OK after UID MOVE, tagged OK after UID COPY), or null. */
    static UidSets.@Nullable CopyUids copyUids(Response[] responses) {
        for (Response r : responses) {
            UidSets.CopyUids found = UidSets.copyUids(r.toString());
            if (found != null) return found;
        }
        return null;
    }
}
