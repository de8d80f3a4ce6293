package org.vaultmail.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationReport;
import org.vaultmail.migrate.engine.InMemorySyncState;
import org.vaultmail.migrate.engine.SyncState.FolderState;

/**
 * The benchmark's sync state between two processes (a cold run, then a rerun), as the jobs feature's database keeps
 * it between job runs: one {@code F} line per folder (names, UIDVALIDITYs, the completed pass's marks), then one
 * {@code C} line per copied message (source UID, destination UID). Tab-separated; a missing file is an empty state.
 */
final class SyncStateFile {

    private SyncStateFile() {
    }

    static InMemorySyncState load(Path file) throws IOException {
        InMemorySyncState state = new InMemorySyncState();
        if (!Files.exists(file)) return state;
        FolderState folder = null;
        Map<Long, Long> copied = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f[0].equals("F")) {
                restore(state, folder, copied);
                folder = state.open(f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]));
                state.passCompleted(folder.id(), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]));
                copied = new TreeMap<>();
            } else if (f[0].equals("C")) {
                copied.put(Long.parseLong(f[1]), Long.parseLong(f[2]));
            }
        }
        restore(state, folder, copied);
        return state;
    }

    private static void restore(InMemorySyncState state, FolderState folder, Map<Long, Long> copied) {
        if (folder == null) return;
        long batch = state.beginAppend(folder.id(), 0, List.of());
        state.appended(folder.id(), batch, copied);
    }

    static void save(InMemorySyncState state, MigrationReport report, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (FolderReport r : report.folders()) {
            FolderState f = state.folder(r.source()).orElse(null);
            if (f == null) continue;
            lines.add(String.join("\t", "F", f.sourceFolder(), f.destinationFolder(), Long.toString(f.sourceUidValidity()),
                    Long.toString(f.destinationUidValidity()), Long.toString(f.highestModSeq()), Long.toString(f.uidNext()),
                    Long.toString(f.messageCount())));
            state.copied(f.id()).forEach((s, d) -> lines.add("C\t" + s + "\t" + d));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
