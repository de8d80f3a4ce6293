package org.vaultmail.migrate.engine;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.vaultmail.migrate.FolderRule;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.mapping.MailboxTree;

/**
 * A rerun keeps the destination an earlier run chose for a source folder (its sync state row names it), even when
 * the mapping would now choose another: the destination may have gained a folder of the special use or the name since,
 * and moving the folder would copy every message a second time. A manual rule still wins (the operator asked), and an
 * earlier destination that another folder of this mapping now takes is left alone (never two sources in one folder).
 */
final class EarlierMapping {

    private EarlierMapping() {
    }

    static List<FolderPair> keep(List<FolderPair> pairs, SyncState state, MailboxTree destination, MigrationOptions options) {
        Set<String> taken = new HashSet<>();
        for (FolderPair p : pairs) taken.add(key(p.destination()));
        List<FolderPair> kept = new ArrayList<>(pairs.size());
        for (FolderPair pair : pairs) {
            Optional<SyncState.FolderState> earlier = pair.selectable() ? state.folder(pair.source()) : Optional.empty();
            String before = earlier.map(SyncState.FolderState::destinationFolder).orElse(pair.destination());
            if (before.equals(pair.destination()) || ruled(pair.source(), options) || taken.contains(key(before))) {
                kept.add(pair);
                continue;
            }
            taken.remove(key(pair.destination()));
            taken.add(key(before));
            kept.add(new FolderPair(pair.source(), before, pair.specialUse(), pair.subscribed(),
                    !holds(destination, before), pair.selectable()));
        }
        return kept;
    }

    private static boolean ruled(String source, MigrationOptions options) {
        for (FolderRule rule : options.rules()) if (rule.source().equals(source)) return true;
        return false;
    }

    private static boolean holds(MailboxTree destination, String name) {
        for (MailboxTree.Folder f : destination.folders()) {
            if (f.name().equals(name) && f.attributes().stream().noneMatch(a -> a.equalsIgnoreCase("\\Noselect")
                    || a.equalsIgnoreCase("\\NonExistent"))) {
                return true;
            }
        }
        return name.equalsIgnoreCase("INBOX");
    }

    private static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
