package org.vaultmail.mail.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.ListInfo;
import org.eclipse.angus.mail.imap.protocol.Status;

/**
 * Every folder with its subscription and counts, on the connection the caller holds. With LIST-STATUS
 * (RFC 5819, Dovecot) that is one command, {@code LIST "" "*" RETURN (SUBSCRIBED STATUS (MESSAGES UNSEEN))};
 * otherwise LIST, LSUB and a STATUS per selectable folder. Angus's folder objects would take a second
 * connection for this whenever a folder is selected, and a STATUS of a large mailbox that connection
 * has not selected makes Dovecot resynchronise it (80–220 ms for 100,000 messages).
 */
final class FolderListings {

    private FolderListings() {
    }

    /** One folder as listed: its name, delimiter and attributes, whether subscribed, and its counts (null if not selectable). */
    record Listed(ListInfo info, boolean subscribed, @org.jspecify.annotations.Nullable Status status) {

        boolean selectable() {
            return info.canOpen && Arrays.stream(info.attrs).noneMatch(a -> a.equalsIgnoreCase("\\NonExistent"));
        }
    }

    private static final String[] COUNTS = {"MESSAGES", "UNSEEN"};

    static List<Listed> read(IMAPProtocol p, boolean listStatus) throws ProtocolException {
        List<ListInfo> all = new ArrayList<>();
        Set<String> subscribed = new HashSet<>();
        Map<String, Status> counts = new HashMap<>();
        if (listStatus) {
            Response[] r = p.command("LIST \"\" \"*\" RETURN (SUBSCRIBED STATUS (MESSAGES UNSEEN))", null);
            for (int i = 0; i < r.length - 1; i++) {
                if (!(r[i] instanceof IMAPResponse ir)) continue;
                if (ir.keyEquals("LIST")) {
                    ListInfo info = new ListInfo(ir);
                    all.add(info);
                    if (Arrays.stream(info.attrs).anyMatch(a -> a.equalsIgnoreCase("\\Subscribed"))) subscribed.add(info.name);
                    r[i] = null;
                } else if (ir.keyEquals("STATUS")) {
                    Status status = new Status(ir);
                    counts.put(status.mbox, status);
                    r[i] = null;
                }
            }
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
        } else {
            all.addAll(Arrays.asList(orEmpty(p.list("", "*"))));
            for (ListInfo info : orEmpty(p.lsub("", "*"))) subscribed.add(info.name);
        }
        List<Listed> out = new ArrayList<>(all.size());
        for (ListInfo info : all) {
            Listed listed = new Listed(info, subscribed.contains(info.name), null);
            if (listed.selectable()) {
                // the selected mailbox may be left out of LIST-STATUS (RFC 5819 §3): ask for it alone
                Status status = counts.get(info.name);
                listed = new Listed(info, listed.subscribed(), status != null ? status : p.status(info.name, COUNTS));
            }
            out.add(listed);
        }
        return out;
    }

    private static ListInfo[] orEmpty(ListInfo[] infos) {
        return infos == null ? new ListInfo[0] : infos;
    }
}
