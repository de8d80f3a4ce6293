package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.MailboxTree;

/**
 * Gmail's labels as IMAP folders (ADR 0046). Gmail shows one message in the folder of every label it has and in
 * {@code [Gmail]/All Mail}; copying every folder would put a message into the destination once per label. A source is
 * Gmail-shaped when it has the {@code X-GM-EXT-1} capability, a {@code \All} folder, or a {@code [Gmail]}/{@code [Google
 * Mail]} parent with an {@code All Mail} child. Then each message (identified across folders by {@code X-GM-MSGID}, or
 * by its header fingerprint without the extension) gets its home folders, and every other folder's copy of it is left
 * out:
 * <ul>
 *   <li>{@link MigrationOptions.GmailLabels#FIRST_LABEL}: one home. INBOX, Sent, Drafts, Trash, Spam (in this order)
 *       keep their messages; an archived message goes to its first user label's folder (code-point order of the full
 *       names, so the choice is the same on every run); {@code All Mail} keeps only archived mail with no label.</li>
 *   <li>{@link MigrationOptions.GmailLabels#ALL_LABELS}: every folder it is in except {@code All Mail}, which keeps only
 *       mail that is nowhere else.</li>
 * </ul>
 * {@code Starred} ({@code \Flagged}) and {@code Important} are views of flags, not labels: never copied.
 */
final class GmailLabels {

    enum Role { INBOX, SENT, DRAFTS, TRASH, JUNK, ALL, VIEW, LABEL }

    /** Where a role folder's messages stay, in this order of precedence ({@code FIRST_LABEL}). */
    private static final List<Role> ROLE_ORDER = List.of(Role.INBOX, Role.SENT, Role.DRAFTS, Role.TRASH, Role.JUNK);
    private static final Set<String> PARENTS = Set.of("[gmail]", "[google mail]");
    private static final Map<String, String> ENGLISH = Map.of(
            "sent mail", "\\Sent", "drafts", "\\Drafts", "trash", "\\Trash", "bin", "\\Trash", "spam", "\\Junk",
            "all mail", "\\All", "starred", "\\Flagged", "important", "\\Important");

    private GmailLabels() {
    }

    static boolean gmailShaped(MailboxTree tree, boolean gmailExtension) {
        if (gmailExtension) return true;
        for (MailboxTree.Folder f : tree.folders()) {
            if (has(f, "\\All")) return true;
            if ("\\All".equals(englishUse(tree, f))) return true;
        }
        return false;
    }

    /** The tree with the special uses Gmail's English {@code [Gmail]/…} names stand for, where the server sent none. */
    static MailboxTree annotate(MailboxTree tree) {
        List<MailboxTree.Folder> out = new ArrayList<>();
        for (MailboxTree.Folder f : tree.folders()) {
            String use = englishUse(tree, f);
            if (use != null && !hasAnyUse(f)) {
                Set<String> attributes = new LinkedHashSet<>(f.attributes());
                attributes.add(use);
                out.add(new MailboxTree.Folder(f.name(), attributes, f.subscribed()));
            } else {
                out.add(f);
            }
        }
        return new MailboxTree(tree.personalPrefix(), tree.separator(), tree.utf8Accept(), out);
    }

    static Role role(MailboxTree.Folder f) {
        if (f.name().equalsIgnoreCase("INBOX")) return Role.INBOX;
        if (has(f, "\\All")) return Role.ALL;
        if (has(f, "\\Flagged") || has(f, "\\Important")) return Role.VIEW;
        if (has(f, "\\Sent")) return Role.SENT;
        if (has(f, "\\Drafts")) return Role.DRAFTS;
        if (has(f, "\\Trash")) return Role.TRASH;
        if (has(f, "\\Junk")) return Role.JUNK;
        return Role.LABEL;
    }

    /**
     * The UIDs to leave out per source folder: copies of messages whose home is another folder.
     *
     * @param keys  per source folder (the ones copied; no views): UID → the message's identity across folders
     * @param roles per source folder: its role
     */
    static Map<String, Set<Long>> exclusions(Map<String, Map<Long, String>> keys, Map<String, Role> roles,
                                             MigrationOptions.GmailLabels mode) {
        Map<String, Set<String>> membership = new HashMap<>();
        keys.forEach((folder, uids) -> uids.values().forEach(k -> membership.computeIfAbsent(k, x -> new HashSet<>()).add(folder)));
        Map<String, Set<String>> homes = new HashMap<>();
        membership.forEach((k, folders) -> homes.put(k, homes(folders, roles, mode)));
        Map<String, Set<Long>> excluded = new HashMap<>();
        keys.forEach((folder, uids) -> {
            Set<Long> out = new TreeSet<>();
            uids.forEach((uid, k) -> {
                if (!homes.get(k).contains(folder)) out.add(uid);
            });
            if (!out.isEmpty()) excluded.put(folder, out);
        });
        return excluded;
    }

    /** The folders a message found in {@code folders} is copied to. */
    static Set<String> homes(Collection<String> folders, Map<String, Role> roles, MigrationOptions.GmailLabels mode) {
        Set<String> all = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        for (String f : folders) {
            Role r = roles.getOrDefault(f, Role.LABEL);
            if (r == Role.VIEW) continue;
            if (r == Role.ALL) all.add(f);
            else others.add(f);
        }
        if (others.isEmpty()) return all.isEmpty() ? Set.of() : Set.of(all.iterator().next());
        if (mode == MigrationOptions.GmailLabels.ALL_LABELS) return others;
        for (Role role : ROLE_ORDER) {
            for (String f : others) if (roles.getOrDefault(f, Role.LABEL) == role) return Set.of(f);
        }
        return Set.of(others.iterator().next()); // the first user label, in code-point order
    }

    private static @Nullable String englishUse(MailboxTree tree, MailboxTree.Folder f) {
        String name = f.name().startsWith(tree.personalPrefix()) ? f.name().substring(tree.personalPrefix().length()) : f.name();
        int at = name.indexOf(tree.separator());
        if (at < 0 || name.indexOf(tree.separator(), at + 1) >= 0) return null;
        String parent = name.substring(0, at);
        if (!PARENTS.contains(parent.toLowerCase(Locale.ROOT))) return null;
        return ENGLISH.get(name.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean hasAnyUse(MailboxTree.Folder f) {
        for (String a : f.attributes()) {
            if (List.of("\\sent", "\\drafts", "\\trash", "\\junk", "\\all", "\\flagged", "\\important", "\\archive")
                    .contains(a.toLowerCase(Locale.ROOT))) return true;
        }
        return false;
    }

    private static boolean has(MailboxTree.Folder f, String attribute) {
        for (String a : f.attributes()) if (a.equalsIgnoreCase(attribute)) return true;
        return false;
    }
}
