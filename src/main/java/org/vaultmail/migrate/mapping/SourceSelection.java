package org.vaultmail.migrate.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.MigrationOptions;

/**
 * Which source folders a job copies, parents first: the include/exclude patterns and skip-Trash/Junk (a skipped
 * folder takes its subfolders with it) choose the folders whose messages are copied; their parents come along as
 * hierarchy-only nodes (a \Noselect parent, a parent the patterns left out, or one the source does not list).
 */
final class SourceSelection {

    /**
     * One source folder to map.
     *
     * @param use          its special use (attribute, or localised name of a top-level folder), or null
     * @param byAttribute  whether the use comes from a SPECIAL-USE attribute (it outranks a name)
     * @param copied       whether its messages are copied (false: hierarchy only)
     * @param added        a parent added for its children (left out by the patterns, or not listed at all)
     */
    record Node(String name, List<String> levels, @Nullable String use, boolean byAttribute, boolean copied,
                boolean subscribed, boolean added) {

        boolean isInbox() {
            return levels.size() == 1 && FolderPaths.isInbox(levels.getFirst());
        }
    }

    private SourceSelection() {
    }

    static List<Node> select(MailboxTree source, FolderPaths paths, MigrationOptions options) {
        FolderPatterns include = FolderPatterns.of(options.includeFolders());
        FolderPatterns exclude = FolderPatterns.of(options.excludeFolders());
        Map<List<String>, Node> listed = new LinkedHashMap<>();
        Set<String> skippedRoots = new HashSet<>();
        Set<List<String>> noSelect = new HashSet<>();
        for (MailboxTree.Folder folder : source.folders()) {
            if (!paths.inPersonalNamespace(folder.name())) continue;
            List<String> levels = paths.levels(folder.name());
            String use = SpecialUse.ofAttributes(folder.attributes());
            boolean byAttribute = use != null;
            if (use == null && levels.size() == 1 && !FolderPaths.isInbox(levels.getFirst())) {
                use = SpecialUse.ofName(levels.getFirst());
            }
            String canonical = String.join("/", levels);
            if (options.skipTrashAndJunk() && (SpecialUse.TRASH.equals(use) || SpecialUse.JUNK.equals(use))) {
                skippedRoots.add(canonical);
            }
            if (noSelect(folder)) noSelect.add(levels);
            boolean chosen = !noSelect(folder) && (include.isEmpty() || include.matches(canonical))
                    && !exclude.matches(canonical);
            listed.putIfAbsent(levels, new Node(folder.name(), levels, use, byAttribute, chosen, folder.subscribed(), false));
        }
        Map<List<String>, Node> selected = new LinkedHashMap<>();
        for (Node node : listed.values()) {
            if (!node.copied() || skipped(node.levels(), skippedRoots)) continue;
            selected.put(node.levels(), node);
            for (int depth = 1; depth < node.levels().size(); depth++) {
                List<String> parent = node.levels().subList(0, depth);
                if (selected.containsKey(parent)) continue;
                Node known = listed.get(parent);
                selected.put(List.copyOf(parent), known == null
                        ? new Node(paths.fullName(parent), List.copyOf(parent), null, false, false, false, true)
                        : hierarchyOnly(known, noSelect.contains(parent)));
            }
        }
        List<Node> nodes = new ArrayList<>(selected.values());
        nodes.sort(Comparator.comparing(Node::levels, SourceSelection::compareLevels));
        return nodes;
    }

    /**
     * A listed parent whose own messages are not copied: a \Noselect parent, or one the patterns or skip-Trash/Junk
     * left out (then "added", so the report says why an excluded folder appears).
     */
    private static Node hierarchyOnly(Node known, boolean noSelect) {
        if (known.copied()) return known; // chosen itself, only listed after its child
        return new Node(known.name(), known.levels(), known.use(), known.byAttribute(), false, known.subscribed(),
                !noSelect);
    }

    private static boolean skipped(List<String> levels, Set<String> skippedRoots) {
        String canonical = String.join("/", levels);
        for (String root : skippedRoots) {
            if (canonical.equals(root) || canonical.startsWith(root + "/")) return true;
        }
        return false;
    }

    static boolean noSelect(MailboxTree.Folder folder) {
        return folder.attributes().stream()
                .anyMatch(a -> a.equalsIgnoreCase("\\Noselect") || a.equalsIgnoreCase("\\NonExistent"));
    }

    /** Parents before children; INBOX first; otherwise level by level in code-point order. */
    private static int compareLevels(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            boolean inboxA = i == 0 && FolderPaths.isInbox(a.get(i));
            boolean inboxB = i == 0 && FolderPaths.isInbox(b.get(i));
            if (inboxA != inboxB) return inboxA ? -1 : 1;
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }
}
