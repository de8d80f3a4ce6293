package org.vaultmail.migrate.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One server's way of spelling a folder path: its personal prefix and separator. A full name splits into levels
 * relative to the prefix, and levels join back into a full name, so a path moves between servers level by level.
 */
final class FolderPaths {

    /** Replaces the destination's separator inside a level's name ("a.b" on a "." server becomes "a_b"). */
    static final char SEPARATOR_REPLACEMENT = '_';
    /** The replacement on a server whose separator is the replacement itself. */
    static final char SEPARATOR_REPLACEMENT_ALTERNATIVE = '-';
    /** Joins levels on a server without hierarchy (separator NIL, given as {@code '\0'}). */
    private static final char FLAT_JOIN = '/';
    static final String INBOX = "INBOX";

    private final String prefix;
    private final char separator;
    private final String alsoReplaced;

    FolderPaths(MailboxTree tree) {
        this(tree, "");
    }

    /** @param alsoReplaced characters this server refuses in a level besides its separator (see StandardFolderMapper) */
    FolderPaths(MailboxTree tree, String alsoReplaced) {
        this.separator = tree.separator();
        this.alsoReplaced = alsoReplaced;
        String p = tree.personalPrefix();
        // RFC 2342 prefixes end with the separator; some servers leave it off ("INBOX" for "INBOX.")
        this.prefix = p.isEmpty() || separator == '\0' || p.charAt(p.length() - 1) == separator ? p : p + separator;
    }

    static boolean isInbox(String name) {
        return name.equalsIgnoreCase(INBOX);
    }

    char separator() {
        return separator;
    }

    /** The levels below the personal prefix; INBOX is {@code ["INBOX"]} whatever its case. */
    List<String> levels(String fullName) {
        if (isInbox(fullName)) return List.of(INBOX);
        String relative = hasPrefix(fullName) ? fullName.substring(prefix.length()) : fullName;
        List<String> levels = new ArrayList<>();
        if (separator == '\0') {
            levels.add(relative);
        } else {
            int start = 0;
            for (int i = relative.indexOf(separator); i >= 0; i = relative.indexOf(separator, start)) {
                levels.add(relative.substring(start, i));
                start = i + 1;
            }
            levels.add(relative.substring(start));
        }
        if (isInbox(levels.getFirst())) levels.set(0, INBOX);
        return levels;
    }

    /** The name include/exclude patterns see: levels joined by {@code /}. */
    String canonical(String fullName) {
        return String.join("/", levels(fullName));
    }

    /** Levels (already safe for this server, see {@link #safeLevel}) back into a full name. */
    String fullName(List<String> levels) {
        if (levels.size() == 1 && isInbox(levels.getFirst())) return INBOX;
        char join = separator == '\0' ? FLAT_JOIN : separator;
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) name.append(join);
            name.append(levels.get(i));
        }
        return name.toString();
    }

    /** Appends one safe level below a full name of this server. */
    String child(String parentFullName, String level) {
        return parentFullName + (separator == '\0' ? FLAT_JOIN : separator) + level;
    }

    /** A level's name with this server's separator (and the other refused characters) replaced: it stays one level. */
    String safeLevel(String level) {
        char replacement = separator == SEPARATOR_REPLACEMENT ? SEPARATOR_REPLACEMENT_ALTERNATIVE : SEPARATOR_REPLACEMENT;
        String safe = separator == '\0' ? level : level.replace(separator, replacement);
        for (char c : alsoReplaced.toCharArray()) {
            if (c != replacement) safe = safe.replace(c, replacement);
        }
        return safe;
    }

    /** Whether a full name lies in the personal namespace (INBOX always does). */
    boolean inPersonalNamespace(String fullName) {
        return isInbox(fullName) || prefix.isEmpty() || hasPrefix(fullName);
    }

    private boolean hasPrefix(String fullName) {
        if (prefix.isEmpty()) return true;
        // the INBOX part of an "INBOX." prefix is case-insensitive like INBOX itself
        boolean ignoreCase = prefix.toUpperCase(Locale.ROOT).startsWith(INBOX);
        return fullName.length() > prefix.length() && fullName.regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
    }
}
