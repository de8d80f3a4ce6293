package org.vaultmail.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of one operation, in nanoseconds; thread-safe to add to. Percentiles by nearest rank. */
final class Samples {

    private long[] values = new long[64];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** A sorted copy: everything below works on a snapshot. */
    synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }

    /** Nearest-rank percentile ({@code p} in 0..100) in milliseconds; NaN without samples. */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
    }

    /** The median: the mean of the two middle values for an even count, as Python's statistics.median. */
    static double medianMs(long[] sorted) {
        if (sorted.length == 0) return Double.NaN;
        int mid = sorted.length / 2;
        return (sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0) / 1e6;
    }

    double median() {
        return medianMs(sorted());
    }

    double p(double percentile) {
        return percentileMs(sorted(), percentile);
    }

    static String ms(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }
}
