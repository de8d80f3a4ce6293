package org.vaultmail.migrate.verify;

import org.vaultmail.migrate.engine.UidSets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * Reads one folder, already open read-only (EXAMINE), into {@link MessageKey}s: one metadata {@code UID FETCH} for
 * UIDs, flags, INTERNALDATE and sizes, then the raw bodies with {@code BODY.PEEK[]} (never setting \Seen) — small
 * messages many to a command, big ones in 1 MB partial fetches — each streamed into a SHA-256 and dropped, so no big
 * message is ever held whole.
 */
final class FolderReader {

    static final int CHUNK = 1 << 20;
    private static final long BATCH_BYTES = 4L << 20;
    private static final int BATCH_MESSAGES = 250;

    private record Meta(long uid, long size, SortedSet<String> flags, Instant internalDate) {
    }

    private FolderReader() {
    }

    static List<MessageKey> read(IMAPFolder folder, VerifyOptions options) throws MessagingException {
        if (folder.getMessageCount() == 0) return List.of();
        @SuppressWarnings("unchecked")
        List<Meta> metas = (List<Meta>) folder.doCommand(p -> metadata(p, options));
        Map<Long, String[]> digests = new HashMap<>();
        List<Long> batch = new ArrayList<>();
        long batchBytes = 0;
        for (Meta m : metas) {
            if (m.size() > CHUNK) {
                digests.put(m.uid(), (String[]) folder.doCommand(p -> chunked(p, m.uid())));
                continue;
            }
            if (!batch.isEmpty() && (batchBytes + m.size() > BATCH_BYTES || batch.size() >= BATCH_MESSAGES)) {
                digests.putAll(digestBatch(folder, batch));
                batch.clear();
                batchBytes = 0;
            }
            batch.add(m.uid());
            batchBytes += m.size();
        }
        if (!batch.isEmpty()) digests.putAll(digestBatch(folder, batch));
        List<MessageKey> out = new ArrayList<>(metas.size());
        for (Meta m : metas) {
            String[] digest = digests.get(m.uid());
            if (digest == null) throw new MessagingException("no body returned for UID " + m.uid() + " in " + folder.getFullName());
            out.add(new MessageKey(m.uid(), digest[0], m.flags(), m.internalDate(), digest[1]));
        }
        return out;
    }

    private static List<Meta> metadata(IMAPProtocol p, VerifyOptions options) throws ProtocolException {
        Response[] r = p.command("UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE)", null);
        List<Meta> out = new ArrayList<>();
        for (int i = 0; i < r.length; i++) {
            if (!(r[i] instanceof FetchResponse f)) continue;
            UID uid = f.getItem(UID.class);
            INTERNALDATE date = f.getItem(INTERNALDATE.class);
            RFC822SIZE size = f.getItem(RFC822SIZE.class);
            if (uid == null || date == null || size == null) continue; // an unsolicited FLAGS update
            out.add(new Meta(uid.uid, size.size, flags(f.getItem(FLAGS.class), options), date.getDate().toInstant()));
            r[i] = null;
        }
        p.notifyResponseHandlers(r);
        p.handleResult(r[r.length - 1]);
        return out;
    }

    private static Map<Long, String[]> digestBatch(IMAPFolder folder, List<Long> uids) throws MessagingException {
        String set = String.join(",", UidSets.of(uids)); // sets of at most 500 ranges: joined, one set
        @SuppressWarnings("unchecked")
        Map<Long, String[]> out = (Map<Long, String[]>) folder.doCommand(p -> {
            Response[] r = p.command("UID FETCH " + set + " (UID BODY.PEEK[])", null);
            Map<Long, String[]> digests = new HashMap<>();
            for (int i = 0; i < r.length; i++) {
                if (!(r[i] instanceof FetchResponse f)) continue;
                UID uid = f.getItem(UID.class);
                BODY body = f.getItem(BODY.class);
                if (uid == null || body == null) continue;
                RawDigest digest = new RawDigest();
                update(digest, body.getByteArray());
                digests.put(uid.uid, digest.finish());
                r[i] = null; // the body's bytes go with the response array when this command returns
            }
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return digests;
        });
        return out;
    }

    /** A big message in {@link #CHUNK}-byte partial fetches ({@code BODY.PEEK[]<offset.length>}). */
    private static String[] chunked(IMAPProtocol p, long uid) throws ProtocolException {
        RawDigest sha = new RawDigest();
        long offset = 0;
        while (true) {
            Response[] r = p.command("UID FETCH " + uid + " (UID BODY.PEEK[]<" + offset + "." + CHUNK + ">)", null);
            int got = -1;
            for (int i = 0; i < r.length; i++) {
                if (r[i] instanceof FetchResponse f && f.getItem(UID.class) instanceof UID u && u.uid == uid
                        && f.getItem(BODY.class) instanceof BODY body) {
                    ByteArray bytes = body.getByteArray();
                    got = bytes == null ? 0 : bytes.getCount();
                    update(sha, bytes);
                    r[i] = null;
                }
            }
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            if (got < 0) throw new ProtocolException("no body returned for UID " + uid);
            offset += got;
            if (got < CHUNK) return sha.finish();
        }
    }

    private static void update(RawDigest sha, ByteArray bytes) {
        if (bytes != null) sha.update(bytes.getBytes(), bytes.getStart(), bytes.getCount());
    }

    static SortedSet<String> flags(Flags flags, VerifyOptions options) {
        SortedSet<String> out = new TreeSet<>();
        if (flags == null) return out;
        for (Flags.Flag f : flags.getSystemFlags()) {
            String name = systemName(f);
            if (name != null && !options.ignores(name)) out.add(name);
        }
        for (String keyword : flags.getUserFlags()) if (!options.ignores(keyword)) out.add(keyword);
        return out;
    }

    /** \Recent is per session, not the message's: never compared. */
    private static String systemName(Flags.Flag f) {
        if (f == Flags.Flag.ANSWERED) return "\\Answered";
        if (f == Flags.Flag.DELETED) return "\\Deleted";
        if (f == Flags.Flag.DRAFT) return "\\Draft";
        if (f == Flags.Flag.FLAGGED) return "\\Flagged";
        if (f == Flags.Flag.SEEN) return "\\Seen";
        return null;
    }
}
