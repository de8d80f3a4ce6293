package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class UidSetsTest {

    @Test
    void runsBecomeRanges() {
        assertThat(UidSets.of(List.of(1L, 2L, 3L, 5L, 7L, 8L))).containsExactly("1:3,5,7:8");
        assertThat(UidSets.of(List.of(42L))).containsExactly("42");
    }
}
