package org.vaultmail.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of walking the chain: how many entries checked, and the first broken link if any
 * ({@code sequence}, what was {@code expected} there and what was {@code found}); how many published
 * checkpoints the database was compared with (ADR 0028), and notes worth showing (no checkpoints yet).
 */
public record ChainVerification(long checked, long firstSeq, long lastSeq, @Nullable Break broken, long checkpoints,
                                List<String> notes) {

    public ChainVerification {
        notes = List.copyOf(notes);
    }

    public ChainVerification(long checked, long firstSeq, long lastSeq, @Nullable Break broken) {
        this(checked, firstSeq, lastSeq, broken, 0, List.of());
    }

    public record Break(long sequence, String problem, String expected, String found) {
    }

    public boolean ok() {
        return broken == null;
    }

    ChainVerification withCheckpoints(long count, List<String> moreNotes, @Nullable Break checkpointBreak) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(moreNotes);
        return new ChainVerification(checked, firstSeq, lastSeq, broken != null ? broken : checkpointBreak, count, all);
    }
}
