package org.vaultmail.mail.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimePart;
import org.eclipse.angus.mail.iap.BadCommandException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.jspecify.annotations.Nullable;

/**
 * Previews for a listed page without downloading bodies: the server's PREVIEW where offered, else from the BODYSTRUCTURE already fetched
 * with the page, the first text/plain part (else text/html) of each message, then one
 * {@code FETCH n,m,… (BODY.PEEK[section]<0.256>)} per distinct section (usually one or two).
 */
final class Previews {

    /** Bytes fetched per message: enough for ~160 characters after QP/base64 and some markup. */
    static final int HEAD_BYTES = 256;

    private Previews() {
    }

    /** Where a message's text is: its IMAP section, transfer encoding, charset, and whether it is HTML. */
    record TextPart(String section, @Nullable String encoding, @Nullable String charset, boolean html) {
    }

    /** Previews by message number from the server's {@code FETCH (PREVIEW)} (RFC 8970): one command. */
    static Map<Integer, String> fromServer(IMAPFolder folder, Message[] page) throws MessagingException {
        int[] numbers = Arrays.stream(page).mapToInt(Message::getMessageNumber).sorted().toArray();
        Response[] responses = (Response[]) folder.doCommand(p -> {
            if (!(p instanceof PreviewProtocol)) throw new BadCommandException("PREVIEW not parsed by this protocol");
            Response[] r = p.fetch(MessageSet.createMessageSets(numbers), PreviewProtocol.ITEM);
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return r;
        });
        Map<Integer, String> previews = new HashMap<>();
        for (Response r : responses) {
            if (!(r instanceof FetchResponse f) || !(f.getExtensionItems().get(PreviewProtocol.ITEM) instanceof String text)) continue;
            String preview = PreviewText.shorten(text);
            if (preview != null) previews.put(f.getNumber(), preview);
        }
        return previews;
    }

    /** Previews by message number, for those of {@code page} that have a text part. */
    static Map<Integer, String> fetch(IMAPFolder folder, Message[] page) throws MessagingException {
        Map<String, List<Integer>> bySection = new LinkedHashMap<>();
        Map<Integer, TextPart> parts = new HashMap<>();
        for (Message m : page) {
            TextPart part = textPart(m);
            if (part == null) continue;
            parts.put(m.getMessageNumber(), part);
            bySection.computeIfAbsent(part.section(), s -> new ArrayList<>()).add(m.getMessageNumber());
        }
        Map<Integer, String> previews = new HashMap<>();
        for (Map.Entry<String, List<Integer>> group : bySection.entrySet()) {
            int[] numbers = group.getValue().stream().mapToInt(Integer::intValue).sorted().toArray();
            // the section is built here from digits and dots (or TEXT): nothing from the message reaches the command
            String item = "BODY.PEEK[" + group.getKey() + "]<0." + HEAD_BYTES + ">";
            Response[] responses = (Response[]) folder.doCommand(p -> {
                Response[] r = p.fetch(MessageSet.createMessageSets(numbers), item);
                p.notifyResponseHandlers(r);
                p.handleResult(r[r.length - 1]);
                return r;
            });
            for (Response r : responses) {
                if (!(r instanceof FetchResponse f)) continue;
                BODY body = f.getItem(BODY.class);
                TextPart part = parts.get(f.getNumber());
                if (body == null || part == null || body.getByteArray() == null) continue;
                byte[] head = body.getByteArray().getNewBytes();
                String text = PreviewText.of(head, head.length < HEAD_BYTES, part.encoding(), part.charset(), part.html());
                if (text != null) previews.put(f.getNumber(), text);
            }
        }
        return previews;
    }

    /** The first inline text/plain part, else the first text/html one, or null. */
    static @Nullable TextPart textPart(Message m) {
        try {
            if (!m.isMimeType("multipart/*")) return leafText(m, "TEXT");
            TextPart plain = find(m, "", false);
            return plain != null ? plain : find(m, "", true);
        } catch (MessagingException | IOException | RuntimeException e) {
            return null; // a structure Angus cannot read: no preview rather than no list
        }
    }

    private static @Nullable TextPart find(Part part, String id, boolean html) throws MessagingException, IOException {
        if (!(part.getContent() instanceof Multipart multipart)) return null;
        for (int i = 0; i < multipart.getCount(); i++) {
            Part child = multipart.getBodyPart(i);
            String childId = id.isEmpty() ? Integer.toString(i + 1) : id + "." + (i + 1);
            TextPart found;
            if (child.isMimeType("multipart/*")) {
                found = find(child, childId, html);
            } else {
                TextPart leaf = leafText(child, childId);
                found = leaf != null && leaf.html() == html ? leaf : null;
            }
            if (found != null) return found;
        }
        return null;
    }

    private static @Nullable TextPart leafText(Part part, String section) throws MessagingException {
        boolean plain = part.isMimeType("text/plain");
        if (!plain && !part.isMimeType("text/html")) return null;
        if (Part.ATTACHMENT.equalsIgnoreCase(disposition(part))) return null;
        String encoding = part instanceof MimePart mime ? mime.getEncoding() : null;
        return new TextPart(section, encoding == null ? null : encoding.toLowerCase(Locale.ROOT), BodyStructures.charset(part), !plain);
    }

    private static @Nullable String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }
}
