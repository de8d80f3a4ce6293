package org.vaultmail.migrate.mapping;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.FolderRule;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.MappingNote.Kind;
import org.vaultmail.migrate.mapping.SourceSelection.Node;

/**
 * The mapping of ADR 0041: manual rules, then special use, then INBOX, then the path
 * translated level by level; a subfolder follows its parent's destination. Two source folders never silently share
 * a destination: the later one gets a numbered name, and the report says so.
 */
public final class StandardFolderMapper implements FolderMapper {

    /** Appended to the last level of a name another source folder already took: " (2)", " (3)", … */
    static final String COLLISION_SUFFIX = " (%d)";

    private final String alsoReplaced;

    /** Replaces only the destination's separator inside a level. */
    public StandardFolderMapper() {
        this("");
    }

    /**
     * Also replaces these characters inside a level, for a destination known to refuse them: Dovecot on Maildir++
     * with "/" as separator refuses "." ("[CANNOT] Character not allowed in mailbox name: '.'"), the same with "." as
     * separator refuses "/". The engine may map again with them after a CREATE answered {@code [CANNOT]}.
     */
    public StandardFolderMapper(String alsoReplaced) {
        this.alsoReplaced = alsoReplaced;
    }

    @Override
    public List<FolderPair> map(MailboxTree source, MailboxTree destination, MigrationOptions options) {
        return plan(source, destination, options).pairs();
    }

    @Override
    public FolderMapping plan(MailboxTree source, MailboxTree destination, MigrationOptions options) {
        return new Run(source, destination, options, alsoReplaced).map();
    }

    /** One mapping: the claimed destination names and the notes so far. */
    private static final class Run {

        private final FolderPaths to;
        private final DestinationIndex index;
        private final List<FolderRule> rules;
        private final List<Node> nodes;
        private final Map<List<String>, Node> byLevels = new HashMap<>();
        private final Map<String, String> destinations = new HashMap<>(); // source name → destination name
        private final Map<String, String> claims = new HashMap<>(); // destination key → source name
        private final Set<String> byRule = new HashSet<>();
        private final Set<String> reserved = new HashSet<>();
        private final Map<String, String> uses = new HashMap<>(); // source name → special use kept on the pair
        private final Set<String> losers = new HashSet<>();
        private final List<MappingNote> notes = new ArrayList<>();

        Run(MailboxTree source, MailboxTree destination, MigrationOptions options, String alsoReplaced) {
            FolderPaths from = new FolderPaths(source);
            to = new FolderPaths(destination, alsoReplaced);
            index = new DestinationIndex(destination, to);
            rules = options.rules();
            nodes = SourceSelection.select(source, from, options);
            for (Node node : nodes) byLevels.put(node.levels(), node);
        }

        FolderMapping map() {
            for (Node node : nodes) reserved.add(key(to.fullName(safeLevels(node.levels()))));
            // INBOX first (unless a rule moves it): a rule may merge into INBOX, nothing may push INBOX aside
            nodes.stream().filter(n -> n.isInbox() && ruleFor(n) == null).findFirst()
                    .ifPresent(inbox -> claim(inbox, FolderPaths.INBOX, false));
            Set<FolderRule> used = new HashSet<>();
            for (Node node : nodes) {
                FolderRule rule = ruleFor(node);
                if (rule == null) continue;
                used.add(rule);
                claim(node, rule.destination(), true);
            }
            for (FolderRule rule : rules) {
                if (!used.contains(rule)) notes.add(new MappingNote(Kind.RULE_UNUSED, rule.source(), rule.destination()));
            }
            specialUses();
            for (Node node : nodes) {
                if (!destinations.containsKey(node.name())) claim(node, byPath(node), false);
            }
            List<FolderPair> pairs = new ArrayList<>();
            for (Node node : nodes) {
                String destination = destinations.get(node.name());
                if (node.added()) notes.add(new MappingNote(Kind.PARENT_ADDED, node.name(), destination));
                if (losers.contains(node.name())) notes.add(new MappingNote(Kind.SPECIAL_USE_TAKEN, node.name(), destination));
                pairs.add(new FolderPair(node.name(), destination, uses.get(node.name()), node.subscribed(),
                        !index.holds(destination, node.copied()), node.copied()));
            }
            return new FolderMapping(pairs, notes);
        }

        /** A rule naming this folder exactly, by its full source name or its canonical ("/", no prefix) name. */
        private @Nullable FolderRule ruleFor(Node node) {
            String canonical = String.join("/", node.levels());
            for (FolderRule rule : rules) {
                if (rule.source().equals(node.name()) || rule.source().equals(canonical)
                        || (node.isInbox() && FolderPaths.isInbox(rule.source()))) {
                    return rule;
                }
            }
            return null;
        }

        /**
         * Per use, one source folder goes to the destination's folder of that use: one marked by attribute before one
         * recognised by name, then the first in order. The others keep no special use and go by path.
         */
        private void specialUses() {
            Map<String, List<Node>> candidates = new LinkedHashMap<>();
            for (Node node : nodes) {
                if (node.use() == null || !node.copied()) continue;
                if (!SpecialUse.MAPPED.contains(node.use()) || byRule.contains(node.name())) {
                    uses.put(node.name(), node.use()); // \All, \Flagged, or a rule's: reported, not moved
                    continue;
                }
                candidates.computeIfAbsent(node.use(), u -> new ArrayList<>()).add(node);
            }
            candidates.forEach((use, list) -> {
                Node winner = list.stream().filter(Node::byAttribute).findFirst().orElse(list.getFirst());
                for (Node node : list) {
                    if (node != winner) {
                        losers.add(node.name());
                        continue;
                    }
                    uses.put(node.name(), use);
                    String target = index.special(use);
                    if (target != null && !claims.containsKey(key(target))) claim(node, target, false);
                }
            });
        }

        /** The parent's destination plus this level, or (at the top, and below INBOX) the whole path translated. */
        private String byPath(Node node) {
            List<String> levels = node.levels();
            if (levels.size() > 1) {
                String parentName = byLevels.get(levels.subList(0, levels.size() - 1)).name(); // always selected
                String parent = destinations.get(parentName);
                // INBOX's own children translate as paths ("INBOX/x" ↔ "INBOX.INBOX.x"): reversible, no collision
                if (parent != null && !(FolderPaths.isInbox(parentName) && !byRule.contains(parentName))) {
                    String level = to.safeLevel(levels.getLast());
                    String name = to.child(parent, level);
                    if (!level.equals(levels.getLast())) notes.add(new MappingNote(Kind.SEPARATOR_REPLACED, node.name(), name));
                    return name;
                }
            }
            if (node.isInbox()) return FolderPaths.INBOX;
            List<String> safe = safeLevels(levels);
            if (!safe.equals(levels)) notes.add(new MappingNote(Kind.SEPARATOR_REPLACED, node.name(), to.fullName(safe)));
            return to.fullName(safe);
        }

        private List<String> safeLevels(List<String> levels) {
            return levels.stream().map(to::safeLevel).toList();
        }

        /** Takes a destination name; a taken one is merged only when a rule says so, else renamed with a number. */
        private void claim(Node node, String target, boolean rule) {
            String name = target;
            String holder = claims.get(key(name));
            if (holder != null && rule) {
                notes.add(new MappingNote(Kind.MERGED_BY_RULE, node.name(), name));
            } else if (holder != null) {
                name = numbered(target);
                notes.add(new MappingNote(Kind.COLLISION_RENAMED, node.name(), name));
            }
            claims.putIfAbsent(key(name), node.name());
            destinations.put(node.name(), name);
            if (rule) byRule.add(node.name());
        }

        private String numbered(String target) {
            for (int n = 2; ; n++) {
                String candidate = target + COLLISION_SUFFIX.formatted(n);
                if (!claims.containsKey(key(candidate)) && !reserved.contains(key(candidate))) return candidate;
            }
        }

        /**
         * Names compare without case and in NFC: a case-insensitive destination must not merge "Foo" and "foo", and
         * "Été" typed on a Mac (NFD) must not sit beside an NFC "Été" that looks the same.
         */
        private static String key(String destinationName) {
            return Normalizer.normalize(destinationName, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        }
    }
}
