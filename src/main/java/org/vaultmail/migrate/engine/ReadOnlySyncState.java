package org.vaultmail.migrate.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dry run's view of the real state: reads go through (so the plan counts what a real pass would copy), writes go
 * nowhere. A folder without a matching stored state gets a throwaway one (negative id, nothing copied).
 */
final class ReadOnlySyncState implements SyncState {

    private final SyncState real;
    private final Map<String, FolderState> scratch = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(-1);

    ReadOnlySyncState(SyncState real) {
        this.real = real;
    }

    @Override
    public Optional<FolderState> folder(String sourceFolder) {
        return real.folder(sourceFolder);
    }

    @Override
    public FolderState open(String sourceFolder, String destinationFolder, long sourceUidValidity, long destinationUidValidity) {
        Optional<FolderState> stored = real.folder(sourceFolder);
        if (stored.isPresent() && stored.get().sourceUidValidity() == sourceUidValidity
                && stored.get().destinationUidValidity() == destinationUidValidity
                && stored.get().destinationFolder().equals(destinationFolder)) {
            return stored.get();
        }
        return scratch.computeIfAbsent(sourceFolder, k -> new FolderState(nextId.getAndDecrement(), sourceFolder,
                destinationFolder, sourceUidValidity, destinationUidValidity, 0, 0, 0));
    }

    @Override
    public void passCompleted(long folderStateId, long highestModSeq, long uidNext, long messageCount) {
    }

    @Override
    public Map<Long, Long> copied(long folderStateId) {
        return folderStateId < 0 ? Map.of() : real.copied(folderStateId);
    }

    @Override
    public long beginAppend(long folderStateId, long destinationUidNext, List<PendingMessage> messages) {
        throw new IllegalStateException("a dry run writes nothing");
    }

    @Override
    public void appended(long folderStateId, long batchId, Map<Long, Long> sourceToDestinationUid) {
    }

    @Override
    public void abandoned(long folderStateId, long batchId) {
    }

    @Override
    public List<PendingAppend> pending(long folderStateId) {
        return folderStateId < 0 ? List.of() : real.pending(folderStateId);
    }

    @Override
    public void removed(long folderStateId, Collection<Long> sourceUids) {
    }
}
