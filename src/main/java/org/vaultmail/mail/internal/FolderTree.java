package org.vaultmail.mail.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.vaultmail.mail.FolderInfo;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.FolderRole;

/** The account's folders with their roles and counts, and which folders are selectable. */
final class FolderTree {

    private final Selection selection;
    private final Capabilities capabilities;

    FolderTree(Selection selection, Capabilities capabilities) {
        this.selection = selection;
        this.capabilities = capabilities;
    }

    /** A folder as LIST described it, whichever way it was listed. */
    record Named(String name, char separator, String[] attributes, boolean selectable) {
    }

    /**
     * On the connection in hand, the selected folder staying selected (a NOOP first, so its counts include
     * others' changes): one {@code LIST … RETURN (STATUS …)} with LIST-STATUS, else LIST, LSUB and STATUSes.
     */
    List<FolderInfo> folders() throws MessagingException {
        IMAPFolder via = selection.anyRefreshed();
        boolean listStatus = capabilities.has("LIST-STATUS") && capabilities.has("LIST-EXTENDED");
        @SuppressWarnings("unchecked")
        List<FolderListings.Listed> all = (List<FolderListings.Listed>) via.doCommand(p -> FolderListings.read(p, listStatus));
        List<Named> named = new ArrayList<>(all.size());
        for (FolderListings.Listed f : all) named.add(new Named(f.info().name, f.info().separator, f.info().attrs, f.selectable()));
        Map<String, FolderRole> roles = roles(named);
        List<FolderInfo> result = new ArrayList<>();
        for (FolderListings.Listed f : all) {
            FolderPath path = FolderPath.of(f.info().name, f.info().separator);
            int total = f.status() == null ? 0 : Math.max(0, f.status().total);
            int unread = f.status() == null ? 0 : Math.max(0, f.status().unseen);
            FolderRole role = path.isInbox() ? FolderRole.INBOX : roles.get(f.info().name);
            result.add(new FolderInfo(path, role, total, unread, f.selectable(), f.subscribed()));
        }
        return List.copyOf(result);
    }

    /** Every folder with its attributes, nothing selected any more ({@code LIST "" *} on the one connection). */
    List<Named> named() throws MessagingException {
        selection.deselect();
        Folder[] all = selection.all();
        List<Named> named = new ArrayList<>(all.length);
        for (Folder f : all) {
            named.add(new Named(f.getFullName(), f.getSeparator(), ((IMAPFolder) f).getAttributes(), isSelectable((IMAPFolder) f)));
        }
        return named;
    }

    /** Roles by SPECIAL-USE attribute first (where the server has it), then by well-known name among selectable folders. */
    Map<String, FolderRole> roles(List<Named> all) {
        Map<String, FolderRole> roles = new HashMap<>();
        Set<FolderRole> claimed = FolderRoles.none();
        if (capabilities.has("SPECIAL-USE")) {
            for (Named f : all) {
                FolderRole role = FolderRoles.fromAttributes(f.attributes());
                if (role != null && claimed.add(role)) roles.put(f.name(), role);
            }
        }
        Set<FolderRole> byAttribute = Set.copyOf(claimed);
        for (Named f : all) {
            if (roles.containsKey(f.name()) || !f.selectable()) continue;
            FolderRole role = FolderRoles.fromName(f.name(), f.separator(), byAttribute);
            if (role != null && claimed.add(role)) roles.put(f.name(), role);
        }
        return roles;
    }

    static boolean isSelectable(IMAPFolder folder) throws MessagingException {
        return (folder.getType() & Folder.HOLDS_MESSAGES) != 0 && Arrays.stream(folder.getAttributes())
                .noneMatch(a -> a.equalsIgnoreCase("\\Noselect") || a.equalsIgnoreCase("\\NonExistent"));
    }
}
