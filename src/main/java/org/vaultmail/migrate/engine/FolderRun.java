package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.mapping.FolderPair;

/** One folder pair during a pass: its plan, its chunks' results as they come in, and its report at the end. */
final class FolderRun {

    private final int index;
    private final FolderPair pair;
    private @Nullable FolderPlan plan;
    private final List<ChunkResult> results = new ArrayList<>();
    private int chunksLeft;
    private @Nullable FolderReport report;

    FolderRun(int index, FolderPair pair) {
        this.index = index;
        this.pair = pair;
    }

    int index() {
        return index;
    }

    FolderPair pair() {
        return pair;
    }

    synchronized void planned(FolderPlan planned, int chunks) {
        this.plan = planned;
        this.chunksLeft = chunks;
    }

    synchronized FolderPlan plan() {
        if (plan == null) throw new IllegalStateException("not planned yet: " + pair.source());
        return plan;
    }

    synchronized void add(ChunkResult result) {
        results.add(result);
    }

    /** @return whether this was the folder's last chunk */
    synchronized boolean chunkDone() {
        return --chunksLeft == 0;
    }

    synchronized List<ChunkResult> results() {
        return List.copyOf(results);
    }

    synchronized void done(FolderReport folderReport) {
        this.report = folderReport;
    }

    synchronized @Nullable FolderReport report() {
        return report;
    }
}
