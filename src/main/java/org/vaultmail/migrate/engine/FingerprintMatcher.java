package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.mail.MessagingException;

/**
 * The multiset difference of source and destination by fingerprint. A group with as many copies on both sides is
 * matched in UID order; a group whose counts differ is decided by SHA-256 of the bodies on both sides (they are few);
 * a group too big to fetch stays undecided and is reported as ambiguous, never guessed.
 */
final class FingerprintMatcher {

    /** Fetches SHA-256 of whole messages: source side or destination side. */
    interface BodyHashes {
        Map<Long, String> source(List<Long> uids) throws MessagingException, ServerThrottled;

        Map<Long, String> destination(List<Long> uids) throws MessagingException, ServerThrottled;
    }

    /**
     * @param matches     source UID → destination UID already there
     * @param missing     source UIDs to copy
     * @param ambiguous   source UIDs neither copied nor matched (undecided groups)
     * @param groups      number of undecided groups
     * @param extraOnDestination destination UIDs whose fingerprint the source does not have at all
     */
    record Result(Map<Long, Long> matches, Set<Long> missing, Set<Long> ambiguous, long groups,
                  Set<Long> extraOnDestination) {
    }

    private final long resolveBudgetBytes;

    FingerprintMatcher(long resolveBudgetBytes) {
        this.resolveBudgetBytes = resolveBudgetBytes;
    }

    Result match(Map<Long, String> source, Map<Long, String> destination, Map<Long, Long> sizes, BodyHashes hashes)
            throws MessagingException, ServerThrottled {
        Map<String, List<Long>> src = group(source);
        Map<String, List<Long>> dst = group(destination);
        Map<Long, Long> matches = new TreeMap<>();
        Set<Long> missing = new HashSet<>();
        Set<Long> ambiguous = new HashSet<>();
        long groups = 0;
        for (Map.Entry<String, List<Long>> e : src.entrySet()) {
            List<Long> s = e.getValue();
            List<Long> d = dst.getOrDefault(e.getKey(), List.of());
            if (d.isEmpty()) {
                missing.addAll(s);
            } else if (s.size() == d.size()) {
                for (int i = 0; i < s.size(); i++) matches.put(s.get(i), d.get(i));
            } else {
                long bytes = 0;
                for (Long uid : s) bytes += sizes.getOrDefault(uid, 0L);
                bytes = bytes * (s.size() + d.size()) / s.size();
                if (bytes > resolveBudgetBytes) {
                    ambiguous.addAll(s);
                    groups++;
                    continue;
                }
                byHash(s, d, hashes, matches, missing);
            }
        }
        Set<Long> extra = new HashSet<>();
        dst.forEach((fp, uids) -> {
            if (!src.containsKey(fp)) extra.addAll(uids);
        });
        return new Result(matches, missing, ambiguous, groups, extra);
    }

    private static void byHash(List<Long> s, List<Long> d, BodyHashes hashes, Map<Long, Long> matches, Set<Long> missing)
            throws MessagingException, ServerThrottled {
        Map<Long, String> sh = hashes.source(s);
        Map<Long, String> dh = hashes.destination(d);
        Map<String, List<Long>> free = new HashMap<>();
        for (Long uid : d) {
            String h = dh.get(uid);
            if (h != null) free.computeIfAbsent(h, k -> new ArrayList<>()).add(uid);
        }
        for (Long uid : s) {
            String h = sh.get(uid);
            List<Long> candidates = h == null ? null : free.get(h);
            if (candidates != null && !candidates.isEmpty()) matches.put(uid, candidates.removeFirst());
            else if (h != null) missing.add(uid);
        }
    }

    private static Map<String, List<Long>> group(Map<Long, String> fingerprints) {
        Map<String, List<Long>> groups = new TreeMap<>();
        new TreeMap<>(fingerprints).forEach((uid, fp) -> groups.computeIfAbsent(fp, k -> new ArrayList<>()).add(uid));
        return groups;
    }
}
