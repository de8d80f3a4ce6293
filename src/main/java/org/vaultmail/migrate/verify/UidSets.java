package org.vaultmail.migrate.verify;

import java.util.List;

/** UIDs in ascending order as an IMAP sequence set with ranges ({@code 1:5,7,9:12}). */
final class UidSets {

    private UidSets() {
    }

    static String of(List<Long> ascending) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < ascending.size()) {
            long start = ascending.get(i);
            long end = start;
            while (i + 1 < ascending.size() && ascending.get(i + 1) == end + 1) end = ascending.get(++i);
            if (!out.isEmpty()) out.append(',');
            out.append(start);
            if (end != start) out.append(':').append(end);
            i++;
        }
        return out.toString();
    }
}
