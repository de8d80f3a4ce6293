package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link SyncState} in memory: for tests, dry runs and the engine's own contract; forgets everything on exit. */
public final class InMemorySyncState implements SyncState {

    private final Map<String, FolderState> folders = new LinkedHashMap<>();
    private final Map<Long, Map<Long, Long>> copied = new HashMap<>();
    private final Map<Long, Map<Long, PendingAppend>> pending = new HashMap<>();
    private long nextId = 1;
    private long nextBatch = 1;

    @Override
    public synchronized Optional<FolderState> folder(String sourceFolder) {
        return Optional.ofNullable(folders.get(sourceFolder));
    }

    @Override
    public synchronized FolderState open(String sourceFolder, String destinationFolder, long sourceUidValidity,
                                         long destinationUidValidity) {
        FolderState old = folders.get(sourceFolder);
        if (old != null && old.sourceUidValidity() == sourceUidValidity
                && old.destinationUidValidity() == destinationUidValidity
                && old.destinationFolder().equals(destinationFolder)) {
            return old;
        }
        long id = old != null ? old.id() : nextId++;
        copied.put(id, new TreeMap<>());
        pending.put(id, new TreeMap<>());
        FolderState fresh = new FolderState(id, sourceFolder, destinationFolder, sourceUidValidity, destinationUidValidity, 0, 0, 0);
        folders.put(sourceFolder, fresh);
        return fresh;
    }

    @Override
    public synchronized void passCompleted(long folderStateId, long highestModSeq, long uidNext, long messageCount) {
        folders.replaceAll((name, f) -> f.id() != folderStateId ? f : new FolderState(f.id(), f.sourceFolder(),
                f.destinationFolder(), f.sourceUidValidity(), f.destinationUidValidity(), highestModSeq, uidNext, messageCount));
    }

    @Override
    public synchronized Map<Long, Long> copied(long folderStateId) {
        return new TreeMap<>(copied.getOrDefault(folderStateId, Map.of()));
    }

    @Override
    public synchronized long beginAppend(long folderStateId, long destinationUidNext, List<PendingMessage> messages) {
        long batch = nextBatch++;
        pending.computeIfAbsent(folderStateId, k -> new TreeMap<>())
                .put(batch, new PendingAppend(batch, destinationUidNext, messages));
        return batch;
    }

    @Override
    public synchronized void appended(long folderStateId, long batchId, Map<Long, Long> sourceToDestinationUid) {
        copied.computeIfAbsent(folderStateId, k -> new TreeMap<>()).putAll(sourceToDestinationUid);
        pending.getOrDefault(folderStateId, new HashMap<>()).remove(batchId);
    }

    @Override
    public synchronized void abandoned(long folderStateId, long batchId) {
        pending.getOrDefault(folderStateId, new HashMap<>()).remove(batchId);
    }

    @Override
    public synchronized List<PendingAppend> pending(long folderStateId) {
        return new ArrayList<>(pending.getOrDefault(folderStateId, Map.of()).values());
    }

    @Override
    public synchronized void removed(long folderStateId, Collection<Long> sourceUids) {
        Map<Long, Long> map = copied.get(folderStateId);
        if (map != null) sourceUids.forEach(map::remove);
    }

    /** Tests: forget everything, as a lost database would. */
    public synchronized void clear() {
        folders.clear();
        copied.clear();
        pending.clear();
    }
}
