package org.vaultmail.migrate.mapping;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The destination's folders by name and its special folders by use (attribute first, then a localised name). */
final class DestinationIndex {

    private final Map<String, MailboxTree.Folder> byName = new HashMap<>();
    private final Map<String, String> byAttribute = new HashMap<>();
    private final Map<String, String> byLocalName = new HashMap<>();

    DestinationIndex(MailboxTree destination, FolderPaths paths) {
        for (MailboxTree.Folder folder : destination.folders()) {
            if (!paths.inPersonalNamespace(folder.name())) continue;
            byName.putIfAbsent(FolderPaths.isInbox(folder.name()) ? FolderPaths.INBOX : folder.name(), folder);
            if (SourceSelection.noSelect(folder)) continue;
            String use = SpecialUse.ofAttributes(folder.attributes());
            if (use != null) byAttribute.putIfAbsent(use, folder.name());
            var levels = paths.levels(folder.name());
            if (levels.size() == 1 && !FolderPaths.isInbox(levels.getFirst())) {
                String named = SpecialUse.ofName(levels.getFirst());
                if (named != null) byLocalName.putIfAbsent(named, folder.name());
            }
        }
    }

    /** The destination's folder for this use: the first with the attribute, else the first with a localised name. */
    @Nullable String special(String use) {
        String name = byAttribute.get(use);
        return name != null ? name : byLocalName.get(use);
    }

    /** Whether the destination already has this name as a folder that can hold messages (or merely as a parent). */
    boolean holds(String name, boolean forMessages) {
        MailboxTree.Folder folder = byName.get(FolderPaths.isInbox(name) ? FolderPaths.INBOX : name);
        if (folder == null) return FolderPaths.isInbox(name);
        return !forMessages || !SourceSelection.noSelect(folder);
    }
}
