package org.vaultmail.migrate.verify;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Compares two folders as multisets: messages are grouped by raw SHA-256; within a group exact (flags, date) matches
 * pair first, the rest pair up and report what differs; what is left over is missing or extra.
 */
final class MultisetDiff {

    final List<VerifyReport.Message> missing = new ArrayList<>();
    final List<VerifyReport.Message> extra = new ArrayList<>();
    final List<VerifyReport.FlagDifference> flagDifferences = new ArrayList<>();
    final List<VerifyReport.DateDifference> dateDifferences = new ArrayList<>();
    final List<VerifyReport.Rewritten> rewritten = new ArrayList<>();
    long duplicates;

    static MultisetDiff of(List<MessageKey> source, List<MessageKey> destination) {
        MultisetDiff diff = new MultisetDiff();
        Map<String, List<MessageKey>> src = byDigest(source);
        Map<String, List<MessageKey>> dst = byDigest(destination);
        List<MessageKey> leftSource = new ArrayList<>();
        List<MessageKey> leftDestination = new ArrayList<>();
        for (Map.Entry<String, List<MessageKey>> e : src.entrySet()) {
            List<MessageKey> s = e.getValue();
            List<MessageKey> d = dst.getOrDefault(e.getKey(), new ArrayList<>());
            diff.pair(s, d, (a, b) -> a.flags().equals(b.flags()) && a.internalDate().equals(b.internalDate()));
            diff.pair(s, d, (a, b) -> a.internalDate().equals(b.internalDate()));
            diff.pair(s, d, (a, b) -> a.flags().equals(b.flags()));
            diff.pair(s, d, (a, b) -> true);
            s.forEach(m -> diff.missing.add(message(m)));
            diff.duplicates += d.size();
            d.forEach(m -> diff.extra.add(message(m)));
            leftSource.addAll(s);
            leftDestination.addAll(d);
            dst.remove(e.getKey());
        }
        dst.values().forEach(d -> d.forEach(m -> diff.extra.add(message(m))));
        dst.values().forEach(leftDestination::addAll);
        diff.explainRewritten(leftSource, leftDestination);
        return diff;
    }

    /** Missing and extra messages with the same body: the copy changed their headers (still missing and extra). */
    private void explainRewritten(List<MessageKey> missing, List<MessageKey> extra) {
        Map<String, List<MessageKey>> byBody = new LinkedHashMap<>();
        for (MessageKey m : extra) byBody.computeIfAbsent(m.bodySha256(), k -> new ArrayList<>()).add(m);
        for (MessageKey s : missing) {
            List<MessageKey> candidates = byBody.get(s.bodySha256());
            if (candidates == null || candidates.isEmpty()) continue;
            MessageKey d = candidates.stream().filter(c -> c.internalDate().equals(s.internalDate())).findFirst()
                    .orElse(candidates.getFirst());
            candidates.remove(d);
            rewritten.add(new VerifyReport.Rewritten(s.uid(), d.uid(), s.sha256(), d.sha256(), s.flags(), d.flags(),
                    s.internalDate(), d.internalDate()));
        }
    }

    /** Pairs (and removes) source and destination messages that {@code match}; records what still differs. */
    private void pair(List<MessageKey> source, List<MessageKey> destination, BiPredicate<MessageKey, MessageKey> match) {
        for (Iterator<MessageKey> si = source.iterator(); si.hasNext(); ) {
            MessageKey s = si.next();
            for (Iterator<MessageKey> di = destination.iterator(); di.hasNext(); ) {
                MessageKey d = di.next();
                if (!match.test(s, d)) continue;
                if (!s.flags().equals(d.flags())) {
                    flagDifferences.add(new VerifyReport.FlagDifference(s.uid(), d.uid(), s.sha256(), s.flags(), d.flags()));
                }
                if (!s.internalDate().equals(d.internalDate())) {
                    dateDifferences.add(new VerifyReport.DateDifference(s.uid(), d.uid(), s.sha256(), s.internalDate(), d.internalDate()));
                }
                si.remove();
                di.remove();
                break;
            }
        }
    }

    private static Map<String, List<MessageKey>> byDigest(List<MessageKey> messages) {
        Map<String, List<MessageKey>> out = new LinkedHashMap<>();
        for (MessageKey m : messages) out.computeIfAbsent(m.sha256(), k -> new ArrayList<>()).add(m);
        return out;
    }

    private static VerifyReport.Message message(MessageKey m) {
        return new VerifyReport.Message(m.uid(), m.sha256(), m.flags(), m.internalDate());
    }
}
