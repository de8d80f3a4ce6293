package org.vaultmail.migrate.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.FolderNote;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A folder report's notes as stored ({@code migration_job_folders.notes}, V51): {@code [{kind, detail}]}. A kind this
 * version does not know (written by a newer node) is left out rather than failing the whole report.
 */
final class NotesJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_CHARS = 20_000;

    private NotesJson() {
    }

    static @Nullable String write(List<FolderNote> notes) {
        if (notes.isEmpty()) return null;
        List<Map<String, String>> out = new ArrayList<>();
        for (FolderNote n : notes) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("kind", n.kind().label());
            m.put("detail", n.detail().length() > 1000 ? n.detail().substring(0, 1000) + "…" : n.detail());
            out.add(m);
            if (JSON.writeValueAsString(out).length() > MAX_CHARS) {
                out.removeLast();
                break;
            }
        }
        return JSON.writeValueAsString(out);
    }

    static List<FolderNote> read(@Nullable String json) {
        if (json == null || json.isBlank()) return List.of();
        List<FolderNote> notes = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json)) {
            try {
                notes.add(new FolderNote(FolderNote.Kind.of(n.path("kind").asString()), n.path("detail").asString()));
            } catch (IllegalArgumentException unknown) {
                // a newer node's kind: not shown by this one
            }
        }
        return notes;
    }
}
