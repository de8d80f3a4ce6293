package org.vaultmail.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UidSetsTest {

    @Test
    void uidsAreWrittenAsRangesAndTenThousandContiguousOnesAreOneRangePerChunk() {
        assertThat(UidSets.format(List.of(1L, 2L, 3L, 5L, 7L, 8L))).isEqualTo("1:3,5,7:8");
        List<Long> many = new ArrayList<>();
        for (long u = 10_000; u >= 1; u--) many.add(u);
        List<List<Long>> chunks = UidSets.chunks(many);
        assertThat(chunks).hasSize(10);
        assertThat(UidSets.format(chunks.getFirst())).isEqualTo("1:1000");
        assertThat(UidSets.format(chunks.getLast())).isEqualTo("9001:10000");
    }

    @Test
    void chunksDropDuplicatesAndImpossibleUids() {
        assertThat(UidSets.chunks(List.of(3L, 3L, 0L, -1L, 0x1_0000_0000L, 1L))).containsExactly(List.of(1L, 3L));
    }

    @Test
    void copyUidPairsOldAndNewUidsInOrder() {
        var found = UidSets.copyUids("* OK [COPYUID 1700 3:5,9 101:104] Moved UIDs.");
        assertThat(found).isNotNull();
        assertThat(found.uidValidity()).isEqualTo(1700);
        assertThat(found.newUids()).containsExactly(Map.entry(3L, 101L), Map.entry(4L, 102L), Map.entry(5L, 103L), Map.entry(9L, 104L));
        assertThat(UidSets.copyUids("A3 OK Done")).isNull();
        assertThat(UidSets.copyUids("A3 OK [COPYUID 1 1:2 5] mismatched")).isNull();
    }
}
