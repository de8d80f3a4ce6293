package org.vaultmail.migrate.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.ListInfo;
import org.eclipse.angus.mail.imap.protocol.Namespaces;
import org.jspecify.annotations.Nullable;

/**
 * Reads a connected account's {@link MailboxTree}: NAMESPACE, then one {@code LIST "" "*" RETURN (SUBSCRIBED
 * SPECIAL-USE)} where the server has LIST-EXTENDED (RFC 5258, 6154), else LIST and LSUB. Names come decoded by
 * Angus's {@link ListInfo}: from modified UTF-7, or as UTF-8 once Angus has enabled UTF8=ACCEPT, which it does
 * by itself after login whenever the server offers it.
 */
public final class MailboxTrees {

    private static final String SUBSCRIBED = "\\Subscribed";

    private MailboxTrees() {
    }

    /** The personal namespace's folders, in the server's order; folders of other users and shared ones are left out. */
    public static MailboxTree read(IMAPStore store) throws MessagingException {
        IMAPFolder root = (IMAPFolder) store.getDefaultFolder();
        return (MailboxTree) root.doCommand(MailboxTrees::read);
    }

    private static MailboxTree read(IMAPProtocol p) throws ProtocolException {
        String prefix = "";
        char separator;
        List<String> otherPrefixes = new ArrayList<>();
        @Nullable Namespaces namespaces = p.hasCapability("NAMESPACE") ? p.namespace() : null;
        if (namespaces != null && namespaces.personal != null && namespaces.personal.length > 0) {
            prefix = namespaces.personal[0].prefix;
            separator = namespaces.personal[0].delimiter;
            addPrefixes(otherPrefixes, namespaces.otherUsers);
            addPrefixes(otherPrefixes, namespaces.shared);
        } else {
            ListInfo[] root = p.list("", "");
            separator = root == null || root.length == 0 ? '/' : root[0].separator;
        }
        boolean extended = p.hasCapability("LIST-EXTENDED");
        String command = extended
                ? "LIST \"\" \"*\" RETURN (SUBSCRIBED" + (p.hasCapability("SPECIAL-USE") ? " SPECIAL-USE)" : ")")
                : "LIST \"\" \"*\"";
        Map<String, ListInfo> listed = new LinkedHashMap<>();
        for (ListInfo info : list(p, command)) {
            if (!inOtherNamespace(info.name, otherPrefixes)) listed.putIfAbsent(info.name, info);
        }
        Set<String> subscribed = new HashSet<>();
        if (!extended) {
            ListInfo[] lsub = p.lsub("", "*");
            if (lsub != null) for (ListInfo info : lsub) subscribed.add(info.name);
        }
        List<MailboxTree.Folder> folders = new ArrayList<>();
        for (ListInfo info : listed.values()) {
            if (isNamespaceRoot(info.name, prefix, separator)) continue;
            Set<String> attributes = Set.of(info.attrs == null ? new String[0] : info.attrs);
            boolean isSubscribed = extended
                    ? attributes.stream().anyMatch(SUBSCRIBED::equalsIgnoreCase)
                    : subscribed.contains(info.name);
            folders.add(new MailboxTree.Folder(info.name, withoutSubscribed(attributes), isSubscribed));
        }
        return new MailboxTree(prefix, separator, p.supportsUtf8(), folders);
    }

    /** Runs a LIST command; its LIST responses parsed by Angus, the others passed to Angus's handlers as usual. */
    private static List<ListInfo> list(IMAPProtocol p, String command) throws ProtocolException {
        Response[] responses = p.command(command, null);
        Response done = responses[responses.length - 1];
        List<ListInfo> infos = new ArrayList<>();
        if (done.isOK()) {
            for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof IMAPResponse r && r.keyEquals("LIST")) {
                    infos.add(new ListInfo(r));
                    responses[i] = null;
                }
            }
        }
        p.notifyResponseHandlers(responses);
        p.handleResult(done);
        return infos;
    }

    private static void addPrefixes(List<String> into, Namespaces.Namespace @Nullable [] namespaces) {
        if (namespaces == null) return;
        for (Namespaces.Namespace namespace : namespaces) {
            if (!namespace.prefix.isEmpty()) into.add(namespace.prefix);
        }
    }

    /** A folder of another namespace ("Other Users/…", "Shared/…") or that namespace's root itself. */
    private static boolean inOtherNamespace(String name, List<String> otherPrefixes) {
        for (String other : otherPrefixes) {
            if (name.startsWith(other) || other.equals(name + other.charAt(other.length() - 1))) return true;
        }
        return false;
    }

    /** The personal prefix's own entry ("Mail" for "Mail/"): a container, not a folder; INBOX is a folder. */
    private static boolean isNamespaceRoot(String name, String prefix, char separator) {
        return !prefix.isEmpty() && !FolderPaths.isInbox(name)
                && (name.equals(prefix) || (name + separator).equals(prefix));
    }

    private static Set<String> withoutSubscribed(Set<String> attributes) {
        Set<String> rest = new HashSet<>(attributes);
        rest.removeIf(SUBSCRIBED::equalsIgnoreCase);
        return rest;
    }
}
