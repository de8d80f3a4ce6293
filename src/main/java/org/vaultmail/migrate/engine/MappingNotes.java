package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vaultmail.migrate.FolderNote;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.mapping.MappingNote;

/**
 * The mapper's notes as the report's, by source folder: renames, numbered collisions, merges, added parents; and a
 * note for each {@code \Noselect} source parent. A rule that named no folder has no folder to go with (the job's
 * options show the rule).
 */
final class MappingNotes {

    private MappingNotes() {
    }

    static Map<String, List<FolderNote>> of(List<MappingNote> mapping, List<FolderPair> pairs) {
        Map<String, List<FolderNote>> notes = new HashMap<>();
        for (MappingNote n : mapping) {
            FolderNote.Kind kind = switch (n.kind()) {
                case SEPARATOR_REPLACED -> FolderNote.Kind.SEPARATOR_REPLACED;
                case COLLISION_RENAMED -> FolderNote.Kind.COLLISION_RENAMED;
                case SPECIAL_USE_TAKEN -> FolderNote.Kind.SPECIAL_USE_TAKEN;
                case MERGED_BY_RULE -> FolderNote.Kind.MERGED_BY_RULE;
                case PARENT_ADDED -> FolderNote.Kind.PARENT_ADDED;
                case RULE_UNUSED -> null;
            };
            if (kind != null) notes.computeIfAbsent(n.source(), s -> new ArrayList<>()).add(new FolderNote(kind, n.destination()));
        }
        for (FolderPair pair : pairs) {
            if (pair.selectable()) continue;
            List<FolderNote> own = notes.computeIfAbsent(pair.source(), s -> new ArrayList<>());
            if (own.stream().noneMatch(n -> n.kind() == FolderNote.Kind.PARENT_ADDED)) {
                own.add(new FolderNote(FolderNote.Kind.NOSELECT_PARENT, pair.destination()));
            }
        }
        return notes;
    }
}
