package org.vaultmail.mail.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.FolderRole;

/** Roles from SPECIAL-USE attributes (RFC 6154), else from well-known names in any namespace. */
final class FolderRoles {

    private static final Map<String, FolderRole> ATTRIBUTES = Map.of(
            "\\sent", FolderRole.SENT, "\\drafts", FolderRole.DRAFTS, "\\trash", FolderRole.TRASH,
            "\\junk", FolderRole.JUNK, "\\archive", FolderRole.ARCHIVE);

    private static final Map<String, FolderRole> NAMES = Map.ofEntries(
            Map.entry("sent", FolderRole.SENT), Map.entry("sent items", FolderRole.SENT),
            Map.entry("sent messages", FolderRole.SENT), Map.entry("drafts", FolderRole.DRAFTS),
            Map.entry("trash", FolderRole.TRASH), Map.entry("deleted items", FolderRole.TRASH),
            Map.entry("deleted messages", FolderRole.TRASH), Map.entry("junk", FolderRole.JUNK),
            Map.entry("spam", FolderRole.JUNK), Map.entry("junk e-mail", FolderRole.JUNK),
            Map.entry("archive", FolderRole.ARCHIVE), Map.entry("archives", FolderRole.ARCHIVE));

    private FolderRoles() {
    }

    /** The role a folder's LIST attributes declare, or null. */
    static @Nullable FolderRole fromAttributes(String[] attributes) {
        for (String a : attributes) {
            FolderRole role = ATTRIBUTES.get(a.toLowerCase(Locale.ROOT));
            if (role != null) return role;
        }
        return null;
    }

    /**
     * The role a well-known name suggests, for roles no folder claims by attribute: a top-level
     * folder or one directly under INBOX (the "INBOX." namespace of Courier/Cyrus-style servers).
     */
    static @Nullable FolderRole fromName(String fullName, char delimiter, Set<FolderRole> claimed) {
        String name = fullName;
        if (delimiter != '\0') {
            String prefix = "INBOX" + delimiter;
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) name = name.substring(prefix.length());
            if (name.indexOf(delimiter) >= 0) return null;
        }
        FolderRole role = NAMES.get(name.toLowerCase(Locale.ROOT));
        return role == null || claimed.contains(role) ? null : role;
    }

    static Set<FolderRole> none() {
        return EnumSet.noneOf(FolderRole.class);
    }
}
