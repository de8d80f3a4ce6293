package org.vaultmail.mail.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.PartContent;

/**
 * Opening a message in two round trips: one {@code UID FETCH} for everything the reading pane shows
 * about it (envelope, flags, size, structure) and one for all its body parts at once. Angus's message
 * objects would fetch the UID, the envelope and the structure separately and each body part in 16 KB
 * chunks; addressing by UID also means no NOOP is needed first (a UID command sees the server's current
 * state, and an expunged UID simply returns nothing).
 */
final class UidFetches {

    private UidFetches() {
    }

    /** What one {@code UID FETCH} returned about a message. */
    record Fetched(ENVELOPE envelope, Flags flags, int size, @Nullable Date internalDate, BODYSTRUCTURE structure) {

        String subject() {
            if (envelope.subject == null) return "";
            try {
                return MimeUtility.decodeText(MimeUtility.unfold(envelope.subject));
            } catch (UnsupportedEncodingException e) {
                return envelope.subject;
            }
        }

        /** The Date header, else the arrival time (what {@code Envelopes.date} gives for a message object). */
        @Nullable Instant date() {
            Date d = envelope.date != null ? envelope.date : internalDate;
            return d == null ? null : d.toInstant();
        }
    }

    /** The message with this UID, or null when the folder has none (expunged, or never there). */
    static @Nullable Fetched message(IMAPProtocol p, long uid) throws ProtocolException {
        Response[] r = p.command("UID FETCH " + uid + " (UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE BODYSTRUCTURE)", null);
        Fetched found = null;
        for (int i = 0; i < r.length; i++) {
            if (r[i] instanceof FetchResponse f && uidOf(f) == uid) {
                ENVELOPE envelope = f.getItem(ENVELOPE.class);
                BODYSTRUCTURE structure = f.getItem(BODYSTRUCTURE.class);
                if (envelope != null && structure != null) {
                    Flags flags = f.getItem(org.eclipse.angus.mail.imap.protocol.FLAGS.class);
                    RFC822SIZE size = f.getItem(RFC822SIZE.class);
                    INTERNALDATE arrived = f.getItem(INTERNALDATE.class);
                    found = new Fetched(envelope, flags == null ? new Flags() : flags, size == null ? 0 : (int) Math.max(0, size.size),
                            arrived == null ? null : arrived.getDate(), structure);
                    r[i] = null; // ours: the folder's handlers need not see it
                }
            }
        }
        p.notifyResponseHandlers(r);
        p.handleResult(r[r.length - 1]);
        return found;
    }

    /**
     * The content of these IMAP sections in one command, each cut at {@code encodedLimit} bytes of its
     * transfer encoding ({@code BODY.PEEK[section]<0.limit>}); a section the server did not return is absent.
     */
    static Map<String, byte[]> sections(IMAPProtocol p, long uid, List<String> sections, int encodedLimit) throws ProtocolException {
        StringBuilder items = new StringBuilder("UID");
        for (String s : sections) items.append(" BODY.PEEK[").append(s).append("]<0.").append(encodedLimit).append('>');
        Response[] r = p.command("UID FETCH " + uid + " (" + items + ")", null);
        Map<String, byte[]> out = new HashMap<>();
        for (int i = 0; i < r.length; i++) {
            if (r[i] instanceof FetchResponse f && uidOf(f) == uid) {
                for (int k = 0; k < f.getItemCount(); k++) {
                    if (f.getItem(k) instanceof BODY body && body.getSection() != null && body.getByteArray() != null) {
                        out.put(body.getSection(), body.getByteArray().getNewBytes());
                    }
                }
                r[i] = null;
            }
        }
        p.notifyResponseHandlers(r);
        p.handleResult(r[r.length - 1]);
        return out;
    }

    /**
     * Bytes {@code start} to {@code start + size} of the whole message with this UID ({@code BODY.PEEK[]<start.size>});
     * fewer at its end, empty past it, null when the folder has no such UID (expunged meanwhile).
     */
    static byte @Nullable [] chunk(IMAPProtocol p, long uid, long start, int size) throws ProtocolException {
        Response[] r = p.command("UID FETCH " + uid + " (UID BODY.PEEK[]<" + start + "." + size + ">)", null);
        byte[] found = null;
        for (int i = 0; i < r.length; i++) {
            if (r[i] instanceof FetchResponse f && uidOf(f) == uid) {
                BODY body = f.getItem(BODY.class);
                found = body == null || body.getByteArray() == null ? new byte[0] : body.getByteArray().getNewBytes();
                r[i] = null;
            }
        }
        p.notifyResponseHandlers(r);
        p.handleResult(r[r.length - 1]);
        return found;
    }

    /**
     * One part's fetched bytes transfer-decoded and cut at {@code limit}. {@code cut} says the fetch stopped
     * before the part's end; the last (possibly partial) line is then dropped so the decoder sees whole lines.
     */
    static PartContent decode(byte[] encoded, @Nullable String encoding, int limit, boolean cut) {
        byte[] input = encoded;
        if (cut) {
            int end = encoded.length;
            while (end > 0 && encoded[end - 1] != '\n') end--;
            input = java.util.Arrays.copyOf(encoded, end > 0 ? end : encoded.length);
        }
        byte[] decoded;
        try (InputStream in = encoding == null ? new ByteArrayInputStream(input)
                : MimeUtility.decode(new ByteArrayInputStream(input), encoding)) {
            decoded = in.readNBytes(limit + 1);
        } catch (IOException | MessagingException e) {
            decoded = input.length > limit + 1 ? java.util.Arrays.copyOf(input, limit + 1) : input; // undecodable: as it is
        }
        boolean truncated = cut || decoded.length > limit;
        return new PartContent(decoded.length > limit ? java.util.Arrays.copyOf(decoded, limit) : decoded, truncated);
    }

    private static long uidOf(FetchResponse f) {
        UID uid = f.getItem(UID.class);
        return uid == null ? -1 : uid.uid;
    }
}
