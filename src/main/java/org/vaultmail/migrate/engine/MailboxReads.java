package org.vaultmail.migrate.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * The reads that need no body: STATUS, UID SEARCH ALL, metadata (UID FLAGS INTERNALDATE RFC822.SIZE), flags, and
 * header fingerprints (BODY.PEEK[HEADER]). All PEEK or read-only, so the source's HIGHESTMODSEQ does not move.
 */
final class MailboxReads {

    /** STATUS of a mailbox; {@code highestModSeq} 0 when the server has no CONDSTORE. */
    record MailboxStatus(long messages, long uidNext, long uidValidity, long highestModSeq) {
    }

    private final SyncCounters counters;

    MailboxReads(SyncCounters counters) {
        this.counters = counters;
    }

    /** STATUS on a folder that is not open (on the store's connection). */
    MailboxStatus status(IMAPFolder folder, boolean source, boolean condstore) throws MessagingException, ServerThrottled {
        String items = condstore ? "(MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ)" : "(MESSAGES UIDNEXT UIDVALIDITY)";
        counters.statusCommands.incrementAndGet();
        Response[] responses = ImapCommands.run(folder, source, "STATUS", statusArgs(folder, items));
        ImapCommands.requireOk(responses, "STATUS");
        for (Response r : responses) {
            if (r instanceof IMAPResponse ir && ir.keyEquals("STATUS")) {
                try {
                    Status s = new Status(ir);
                    return new MailboxStatus(s.total, s.uidnext, s.uidvalidity, Math.max(0, s.highestmodseq));
                } catch (org.eclipse.angus.mail.iap.ParsingException e) {
                    throw new MessagingException("the STATUS reply could not be read", e);
                }
            }
        }
        throw new MessagingException("the server sent no STATUS");
    }

    private static Argument statusArgs(IMAPFolder folder, String items) throws MessagingException {
        return (Argument) folder.doCommand(p -> ImapCommands.mailbox(p, folder.getFullName()).writeAtom(items));
    }

    /** Every UID of the open folder. */
    Set<Long> uids(IMAPFolder open, boolean source) throws MessagingException, ServerThrottled {
        Response[] responses = ImapCommands.run(open, source, "UID SEARCH ALL", null);
        ImapCommands.requireOk(responses, "UID SEARCH");
        Set<Long> uids = new TreeSet<>();
        for (Response r : responses) {
            if (r instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                long uid;
                while ((uid = ir.readLong()) != -1) uids.add(uid);
            }
        }
        return uids;
    }

    /** UID, FLAGS, INTERNALDATE and RFC822.SIZE of these UIDs of the open folder. */
    List<SourceMessage> metadata(IMAPFolder open, Collection<Long> uids, boolean source)
            throws MessagingException, ServerThrottled {
        List<SourceMessage> out = new ArrayList<>();
        for (String set : ImapCommands.uidSets(uids)) {
            Response[] responses = ImapCommands.run(open, source, "UID FETCH " + set + " (UID FLAGS INTERNALDATE RFC822.SIZE)", null);
            ImapCommands.requireOk(responses, "FETCH");
            for (Response r : responses) {
                if (r instanceof FetchResponse f && f.getItem(UID.class) != null && f.getItem(RFC822SIZE.class) != null) {
                    out.add(new SourceMessage(f.getItem(UID.class).uid, f.getItem(RFC822SIZE.class).size,
                            internalDate(f), FlagNames.of(f.getItem(FLAGS.class))));
                }
            }
        }
        counters.metadataFetched.addAndGet(out.size());
        out.sort(java.util.Comparator.comparingLong(SourceMessage::uid));
        return out;
    }

    /** UID → flags (no \Recent) of the open folder, for {@code set} (e.g. {@code 1:*}) and optional modifiers. */
    Map<Long, Set<String>> flags(IMAPFolder open, String set, String modifiers, boolean source)
            throws MessagingException, ServerThrottled {
        Response[] responses = ImapCommands.run(open, source, "UID FETCH " + set + " (UID FLAGS)" + modifiers, null);
        ImapCommands.requireOk(responses, "FETCH");
        Map<Long, Set<String>> out = new HashMap<>();
        for (Response r : responses) {
            if (r instanceof FetchResponse f && f.getItem(UID.class) != null && f.getItem(FLAGS.class) != null) {
                out.put(f.getItem(UID.class).uid, FlagNames.of(f.getItem(FLAGS.class)));
            }
        }
        counters.metadataFetched.addAndGet(out.size());
        return out;
    }

    /** UID → fingerprint of these UIDs (BODY.PEEK[HEADER] and RFC822.SIZE; no body). */
    Map<Long, String> fingerprints(IMAPFolder open, Collection<Long> uids, boolean source)
            throws MessagingException, ServerThrottled {
        Map<Long, String> out = new HashMap<>();
        List<Long> sorted = uids.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i += 500) { // header sections are small; 500 keeps a reply near a few MB
            for (String set : ImapCommands.uidSets(sorted.subList(i, Math.min(sorted.size(), i + 500)))) {
                Response[] responses = ImapCommands.run(open, source, "UID FETCH " + set + " (UID RFC822.SIZE BODY.PEEK[HEADER])", null);
                ImapCommands.requireOk(responses, "FETCH");
                for (Response r : responses) {
                    if (r instanceof FetchResponse f && f.getItem(UID.class) != null && f.getItem(BODY.class) != null
                            && f.getItem(RFC822SIZE.class) != null) {
                        ByteArray header = f.getItem(BODY.class).getByteArray();
                        long uid = f.getItem(UID.class).uid;
                        if (!uids.contains(uid)) continue; // "n:*" answers the last message even below n
                        out.put(uid, header == null ? Fingerprints.ofHeader(new byte[0], 0, 0, f.getItem(RFC822SIZE.class).size)
                                : Fingerprints.ofHeader(header.getBytes(), header.getStart(), header.getCount(),
                                f.getItem(RFC822SIZE.class).size));
                    }
                }
            }
        }
        counters.headersFetched.addAndGet(out.size());
        return out;
    }

    static Instant internalDate(FetchResponse f) {
        INTERNALDATE d = f.getItem(INTERNALDATE.class);
        return d == null || d.getDate() == null ? Instant.EPOCH : d.getDate().toInstant();
    }
}
