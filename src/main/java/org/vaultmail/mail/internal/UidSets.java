package org.vaultmail.mail.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IMAP UID sets: a sorted list of UIDs written as ranges ({@code 1:500,502,510:900}), split into chunks so no
 * command line grows without bound; and the COPYUID response code (RFC 4315) read back into a map.
 */
final class UidSets {

    /** UIDs per command: a contiguous chunk is one range, a scattered one stays under about 11 KB. */
    static final int CHUNK = 1000;

    private static final Pattern COPYUID = Pattern.compile("\\[COPYUID (\\d+) ([0-9:,]+) ([0-9:,]+)]", Pattern.CASE_INSENSITIVE);

    private UidSets() {
    }

    /** Valid UIDs, distinct and ascending, in chunks of at most {@link #CHUNK}. */
    static List<List<Long>> chunks(List<Long> uids) {
        TreeSet<Long> sorted = new TreeSet<>();
        for (Long uid : uids) if (uid != null && uid > 0 && uid <= 0xFFFF_FFFFL) sorted.add(uid);
        List<List<Long>> chunks = new ArrayList<>();
        List<Long> chunk = new ArrayList<>();
        for (long uid : sorted) {
            chunk.add(uid);
            if (chunk.size() == CHUNK) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) chunks.add(chunk);
        return chunks;
    }

    /** Ascending UIDs as a sequence set of ranges. */
    static String format(List<Long> ascending) {
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

    /** Every UID of a set ({@code 3:5,9} → 3, 4, 5, 9), in the order written ({@code 5:3} counts down, as RFC 4315 allows). */
    static List<Long> parse(String set) {
        List<Long> uids = new ArrayList<>();
        for (String part : set.split(",")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                uids.add(Long.parseLong(part));
                continue;
            }
            long a = Long.parseLong(part.substring(0, colon));
            long b = Long.parseLong(part.substring(colon + 1));
            if (Math.abs(b - a) > 1_000_000) throw new IllegalArgumentException("UID range too large");
            if (a <= b) for (long u = a; u <= b; u++) uids.add(u);
            else for (long u = a; u >= b; u--) uids.add(u);
        }
        return uids;
    }

    /** A COPYUID response code in a response line: UIDVALIDITY and new UID by old UID; null when the line has none. */
    static @org.jspecify.annotations.Nullable CopyUids copyUids(String line) {
        Matcher m = COPYUID.matcher(line);
        if (!m.find()) return null;
        List<Long> from = parse(m.group(2));
        List<Long> to = parse(m.group(3));
        if (from.size() != to.size()) return null;
        // RFC 4315: the source set is in ascending order and the destination UIDs correspond one to one
        List<Long> sortedFrom = new ArrayList<>(from);
        sortedFrom.sort(null);
        if (!sortedFrom.equals(from)) {
            // a server wrote ranges in another order: pair by position in ascending order on both sides
            List<Long> sortedTo = new ArrayList<>(to);
            sortedTo.sort(null);
            from = sortedFrom;
            to = sortedTo;
        }
        Map<Long, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < from.size(); i++) map.put(from.get(i), to.get(i));
        return new CopyUids(Long.parseLong(m.group(1)), map);
    }

    record CopyUids(long uidValidity, Map<Long, Long> newUids) {
    }
}
