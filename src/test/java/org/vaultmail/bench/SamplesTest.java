package org.vaultmail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The statistics the benchmarks print: nearest-rank percentiles and the median as Python's statistics.median. */
class SamplesTest {

    private static long[] ms(long... values) {
        Samples s = new Samples();
        for (long v : values) s.add(v * 1_000_000);
        return s.sorted();
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValueAndOfAnEvenCountTheMeanOfTheTwo() {
        assertThat(Samples.medianMs(ms(5, 1, 3))).isEqualTo(3.0);
        assertThat(Samples.medianMs(ms(4, 1, 3, 2))).isEqualTo(2.5);
    }

    @Test
    void p95OfTwentyIsTheNineteenthAndP100TheLargest() {
        long[] twenty = ms(20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(Samples.percentileMs(twenty, 95)).isEqualTo(19.0);
        assertThat(Samples.percentileMs(twenty, 100)).isEqualTo(20.0);
        assertThat(Samples.percentileMs(twenty, 50)).isEqualTo(10.0);
    }

    @Test
    void noSamplesGiveNoNumberAndPrintAsADash() {
        assertThat(Samples.medianMs(new long[0])).isNaN();
        assertThat(Samples.ms(Samples.percentileMs(new long[0], 95))).isEqualTo("—");
    }

    @Test
    void theNumbersOfASortResponseComeInOrder() {
        assertThat(RawImap.numbers(List.of("* SORT 9 3 7\r\n", "* OK still here\r\n"), "SORT")).containsExactly(9L, 3L, 7L);
        assertThat(RawImap.numbers(List.of("* SORT\r\n"), "SORT")).isEmpty();
    }
}
