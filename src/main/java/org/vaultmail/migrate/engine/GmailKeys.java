package org.vaultmail.migrate.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Protocol;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * A message's identity across a Gmail-shaped source's folders (ADR 0046): {@code X-GM-MSGID} where the server has
 * {@code X-GM-EXT-1}, else the header fingerprint ({@link Fingerprints}). Angus' FETCH parser drops a FETCH response
 * with an item it does not know ({@code X-GM-MSGID}), so this writes {@code UID FETCH 1:* (UID X-GM-MSGID)} itself
 * and reads the untagged lines as plain {@link IMAPResponse}s, on the folder's own connection.
 */
final class GmailKeys {

    private static final Pattern UID = Pattern.compile("[ (]UID (\\d+)");
    private static final Pattern MSGID = Pattern.compile("[ (]X-GM-MSGID (\\d+)");

    private final MailboxReads reads;

    GmailKeys(MailboxReads reads) {
        this.reads = reads;
    }

    /** UID → key of every message of the open folder. */
    Map<Long, String> keys(IMAPFolder open, boolean gmailExtension) throws MessagingException, ServerThrottled {
        Set<Long> uids = reads.uids(open, true);
        if (uids.isEmpty()) return Map.of();
        if (!gmailExtension) {
            Map<Long, String> out = new HashMap<>();
            reads.fingerprints(open, uids, true).forEach((uid, fp) -> out.put(uid, "fp:" + fp));
            return out;
        }
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) open.doCommand(p -> fetch(p, "UID FETCH 1:* (UID X-GM-MSGID)"));
        return parse(lines);
    }

    /** The untagged FETCH lines' UIDs and X-GM-MSGIDs (a line without both is skipped). */
    static Map<Long, String> parse(List<String> lines) {
        Map<Long, String> out = new HashMap<>();
        for (String line : lines) {
            Matcher u = UID.matcher(line);
            Matcher m = MSGID.matcher(line);
            if (u.find() && m.find()) out.put(Long.parseLong(u.group(1)), "gm:" + m.group(1));
        }
        return out;
    }

    /** Sends {@code command} and reads its responses without Angus' FETCH parser; the untagged FETCH lines back. */
    static List<String> fetch(Protocol p, String command) throws ProtocolException {
        synchronized (p) {
            try {
                String tag = p.writeCommand(command, null);
                List<String> lines = new ArrayList<>();
                while (true) {
                    IMAPResponse r = new IMAPResponse(p);
                    if (r.isTagged() && tag.equals(r.getTag())) {
                        if (!r.isOK()) throw new ProtocolException("the server refused " + command.substring(0, command.indexOf(' ', 4)));
                        return lines;
                    }
                    if (r.isBYE()) throw new org.eclipse.angus.mail.iap.ConnectionException(p, r);
                    if (r.keyEquals("FETCH")) lines.add(r.toString());
                }
            } catch (IOException e) {
                throw new ProtocolException("the connection failed during FETCH", e);
            }
        }
    }
}
