package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Brings the flags of messages copied before up to date: with CONDSTORE only those changed since the last pass
 * ({@code UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE n)}, read-only), else by comparing both sides' flags; the
 * destination gets {@code UID STORE set FLAGS.SILENT (...)} per distinct flag set.
 */
final class FlagSync {

    private final MailboxReads reads;
    private final SyncCounters counters;

    FlagSync(MailboxReads reads, SyncCounters counters) {
        this.reads = reads;
        this.counters = counters;
    }

    /** What a flag sync could not do: messages whose flags the destination could not take all of, and those flags. */
    record Outcome(long notSettable, Set<String> refused) {
        static final Outcome NONE = new Outcome(0, Set.of());
    }

    Outcome sync(IMAPFolder source, IMAPFolder destination, Map<Long, Long> mapped, long changedSince,
              Set<String> permanent) throws MessagingException, ServerThrottled {
        if (mapped.isEmpty() || source.getMessageCount() == 0) return Outcome.NONE;
        Map<Long, Set<String>> sourceFlags;
        Map<Long, Set<String>> destinationFlags = null;
        if (changedSince > 0) {
            sourceFlags = reads.flags(source, "1:*", " (CHANGEDSINCE " + changedSince + ")", true);
        } else {
            sourceFlags = reads.flags(source, "1:*", "", true);
            destinationFlags = destination.getMessageCount() == 0 ? Map.of() : reads.flags(destination, "1:*", "", false);
        }
        Map<String, List<Long>> stores = new TreeMap<>();
        long notSettable = 0;
        Set<String> refusedNames = new java.util.TreeSet<>();
        for (Map.Entry<Long, Set<String>> e : sourceFlags.entrySet()) {
            Long target = mapped.get(e.getKey());
            if (target == null || target == 0) continue;
            Set<String> allowed = FlagNames.allowed(e.getValue(), permanent);
            Set<String> refused = FlagNames.refused(e.getValue(), permanent);
            if (!refused.isEmpty()) {
                notSettable++;
                refusedNames.addAll(refused);
            }
            if (destinationFlags != null) {
                Set<String> current = destinationFlags.get(target);
                if (current == null || current.equals(allowed)) continue; // gone, or already right
            }
            stores.computeIfAbsent(FlagNames.listText(allowed), k -> new ArrayList<>()).add(target);
        }
        for (Map.Entry<String, List<Long>> e : stores.entrySet()) {
            for (String set : ImapCommands.uidSets(e.getValue())) {
                ImapCommands.requireOk(ImapCommands.run(destination, false,
                        "UID STORE " + set + " FLAGS.SILENT " + e.getKey(), null), "STORE");
            }
            counters.flagsStored.addAndGet(e.getValue().size());
        }
        return new Outcome(notSettable, refusedNames);
    }
}
