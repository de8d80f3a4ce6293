package org.vaultmail.migrate.mapping;

import java.util.List;

/** A mapper's result: the pairs, parents before children, and the notes for the job's report. */
public record FolderMapping(List<FolderPair> pairs, List<MappingNote> notes) {

    public FolderMapping {
        pairs = List.copyOf(pairs);
        notes = List.copyOf(notes);
    }
}
