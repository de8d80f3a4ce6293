package org.vaultmail.migrate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.vaultmail.migrate.engine.SyncState;
import org.vaultmail.migrate.engine.SyncState.FolderState;
import org.vaultmail.migrate.engine.SyncState.PendingMessage;

/** What every {@link SyncState} does (ADR 0041): run against the in-memory one and the database's on H2 and PostgreSQL. */
interface SyncStateContract {

    /** A fresh, empty state for one pair. */
    SyncState state();

    /** Another pair's state on the same storage (the in-memory one: another instance). */
    SyncState otherPair();

    @Test
    default void openCreatesTheFolderOnceAndReturnsTheSameStateWhileUidValidityHolds() {
        SyncState s = state();
        assertThat(s.folder("INBOX")).isEmpty();
        FolderState first = s.open("INBOX", "INBOX", 100, 200);
        FolderState again = s.open("INBOX", "INBOX", 100, 200);
        assertThat(again).isEqualTo(first);
        assertThat(s.folder("INBOX")).contains(first);
        assertThat(first.highestModSeq()).isZero();
    }

    @Test
    default void anAppendIsPendingUntilItsTaggedOkThenCopied() {
        SyncState s = state();
        long f = s.open("Archive/2024", "INBOX.Archive.2024", 7, 9).id();
        long batch = s.beginAppend(f, 41, List.of(new PendingMessage(5, 1200, "fp-5"), new PendingMessage(6, 300, "fp-6")));
        assertThat(s.pending(f)).singleElement().satisfies(p -> {
            assertThat(p.batchId()).isEqualTo(batch);
            assertThat(p.destinationUidNext()).isEqualTo(41);
            assertThat(p.messages()).containsExactly(new PendingMessage(5, 1200, "fp-5"), new PendingMessage(6, 300, "fp-6"));
        });
        assertThat(s.copied(f)).isEmpty();

        s.appended(f, batch, Map.of(5L, 41L, 6L, 42L));

        assertThat(s.pending(f)).isEmpty();
        assertThat(s.copied(f)).containsExactlyEntriesOf(new TreeMap<>(Map.of(5L, 41L, 6L, 42L)));
    }

    @Test
    default void anAbandonedAppendLeavesNothingCopied() {
        SyncState s = state();
        long f = s.open("INBOX", "INBOX", 1, 1).id();
        long batch = s.beginAppend(f, 1, List.of(new PendingMessage(1, 10, "x")));
        s.abandoned(f, batch);
        assertThat(s.pending(f)).isEmpty();
        assertThat(s.copied(f)).isEmpty();
    }

    @Test
    default void twoBatchesInFlightGetDistinctIdsAndCloseSeparately() {
        SyncState s = state();
        long f = s.open("INBOX", "INBOX", 1, 1).id();
        long a = s.beginAppend(f, 1, List.of(new PendingMessage(1, 10, "a")));
        long b = s.beginAppend(f, 2, List.of(new PendingMessage(2, 10, "b")));
        assertThat(a).isNotEqualTo(b);
        s.appended(f, b, Map.of(2L, 2L));
        assertThat(s.pending(f)).singleElement().satisfies(p -> assertThat(p.batchId()).isEqualTo(a));
        assertThat(s.copied(f)).containsOnlyKeys(2L);
    }

    @Test
    default void aChangedUidValidityVoidsTheCopiedMapPendingAndMarks() {
        SyncState s = state();
        long f = s.open("INBOX", "INBOX", 1, 1).id();
        s.appended(f, s.beginAppend(f, 1, List.of(new PendingMessage(1, 10, "a"))), Map.of(1L, 1L));
        s.beginAppend(f, 2, List.of(new PendingMessage(2, 10, "b")));
        s.passCompleted(f, 55, 3, 2);

        FolderState reopened = s.open("INBOX", "INBOX", 2, 1);

        assertThat(s.copied(reopened.id())).isEmpty();
        assertThat(s.pending(reopened.id())).isEmpty();
        assertThat(reopened.highestModSeq()).isZero();
        assertThat(reopened.uidNext()).isZero();
        assertThat(reopened.sourceUidValidity()).isEqualTo(2);
    }

    @Test
    default void passCompletedStoresTheMarks() {
        SyncState s = state();
        long f = s.open("INBOX", "INBOX", 1, 1).id();
        s.passCompleted(f, 987654321L, 1001, 1000);
        FolderState state = s.folder("INBOX").orElseThrow();
        assertThat(state.highestModSeq()).isEqualTo(987654321L);
        assertThat(state.uidNext()).isEqualTo(1001);
        assertThat(state.messageCount()).isEqualTo(1000);
    }

    @Test
    default void removedForgetsThoseSourceUidsOnly() {
        SyncState s = state();
        long f = s.open("INBOX", "INBOX", 1, 1).id();
        s.appended(f, s.beginAppend(f, 1, List.of()), Map.of(1L, 1L, 2L, 2L, 3L, 3L));
        s.removed(f, List.of(1L, 3L));
        assertThat(s.copied(f)).containsOnlyKeys(2L);
    }

    @Test
    default void aResolvedBatchNamingUidsRecordedAlreadyKeepsThem() {
        SyncState s = state();
        long f = s.open("INBOX", "INBOX", 1, 1).id();
        s.appended(f, s.beginAppend(f, 1, List.of()), Map.of(1L, 1L));
        s.appended(f, s.beginAppend(f, 2, List.of()), Map.of(1L, 1L, 2L, 2L));
        assertThat(s.copied(f)).containsOnlyKeys(1L, 2L);
    }

    @Test
    default void pairsDoNotSeeEachOther() {
        SyncState s = state();
        long f = s.open("INBOX", "INBOX", 1, 1).id();
        s.appended(f, s.beginAppend(f, 1, List.of()), Map.of(1L, 1L));
        SyncState other = otherPair();
        assertThat(other.folder("INBOX")).isEmpty();
        FolderState mine = other.open("INBOX", "INBOX", 1, 1);
        assertThat(other.copied(mine.id())).isEmpty();
        assertThat(s.copied(f)).containsOnlyKeys(1L);
    }

    @Test
    default void twentyThousandCopiedRowsGoInQuicklyAndComeBackAll() {
        SyncState s = state();
        long f = s.open("INBOX", "INBOX", 1, 1).id();
        Map<Long, Long> many = new TreeMap<>();
        for (long uid = 1; uid <= 20_000; uid++) many.put(uid, uid + 100);
        long start = System.nanoTime();
        s.appended(f, s.beginAppend(f, 101, List.of()), many);
        Map<Long, Long> back = s.copied(f);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(back).hasSize(20_000).containsEntry(1L, 101L).containsEntry(20_000L, 20_100L);
        assertThat(millis).as("20,000 copied rows written and read back in %d ms", millis).isLessThan(10_000);
    }
}
