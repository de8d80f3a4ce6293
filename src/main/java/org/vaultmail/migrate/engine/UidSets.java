package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** UIDs as IMAP sequence sets with ranges, for the engine's commands and the verifier's (one implementation). */
public final class UidSets {

    static final int MAX_RANGES = 500;

    private UidSets() {
    }

    /** UID sets of at most {@value #MAX_RANGES} ranges each ({@code 1:5,7,9:12}), ascending. */
    public static List<String> of(Collection<Long> uids) {
        long[] sorted = uids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        List<String> sets = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int ranges = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) j++;
            if (!sb.isEmpty()) sb.append(',');
            sb.append(sorted[i]);
            if (j > i) sb.append(':').append(sorted[j]);
            if (++ranges == MAX_RANGES) {
                sets.add(sb.toString());
                sb.setLength(0);
                ranges = 0;
            }
            i = j + 1;
        }
        if (!sb.isEmpty()) sets.add(sb.toString());
        return sets;
    }
}
