package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.FolderMapper;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.mapping.MailboxTree;

/** The engine tests' mapper: INBOX to INBOX, other names with the prefix and separator translated; parents first. */
final class SimpleMapper implements FolderMapper {

    @Override
    public List<FolderPair> map(MailboxTree source, MailboxTree destination, MigrationOptions options) {
        Set<String> existing = new HashSet<>();
        destination.folders().forEach(f -> existing.add(f.name()));
        List<MailboxTree.Folder> ordered = new ArrayList<>(source.folders());
        ordered.sort(Comparator.comparingInt(f -> depth(f.name(), source.separator())));
        List<FolderPair> pairs = new ArrayList<>();
        for (MailboxTree.Folder f : ordered) {
            String target = translate(f.name(), source, destination);
            boolean selectable = f.attributes().stream().noneMatch(a -> a.equalsIgnoreCase("\\Noselect"));
            pairs.add(new FolderPair(f.name(), target, null, f.subscribed(), !existing.contains(target), selectable));
        }
        return pairs;
    }

    static String translate(String name, MailboxTree source, MailboxTree destination) {
        if (name.toUpperCase(Locale.ROOT).equals("INBOX")) return "INBOX";
        String relative = name.startsWith(source.personalPrefix()) ? name.substring(source.personalPrefix().length()) : name;
        return destination.personalPrefix() + relative.replace(source.separator(), destination.separator());
    }

    private static int depth(String name, char separator) {
        return (int) name.chars().filter(c -> c == separator).count();
    }
}
