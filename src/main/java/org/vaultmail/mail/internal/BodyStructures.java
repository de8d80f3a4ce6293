package org.vaultmail.mail.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.mail.MessagePart;

/**
 * The body structure of a message whose BODYSTRUCTURE Angus has fetched. Angus builds multiparts
 * from it without downloading content; part ids are IMAP section numbers ("1", "2.1").
 */
final class BodyStructures {

    private BodyStructures() {
    }

    static MessagePart tree(Part message) throws MessagingException, IOException {
        if (message.isMimeType("multipart/*")) return node(message, "");
        return leaf(message, "1");
    }

    /** Whether any leaf is an attachment (a filename, or disposition attachment). */
    static boolean hasAttachments(MessagePart part) {
        if (part.isAttachment()) return true;
        for (MessagePart child : part.children()) if (hasAttachments(child)) return true;
        return false;
    }

    /** The part with IMAP section {@code partId}; "1" of a single-part message is its body. */
    static Part find(Part message, String partId) throws MessagingException, IOException {
        if (!partId.matches("[1-9][0-9]{0,3}(\\.[1-9][0-9]{0,3}){0,15}")) {
            throw new MailStoreException(Reason.NOT_FOUND, "Not a part id");
        }
        Part current = message;
        for (String segment : partId.split("\\.")) {
            int index = Integer.parseInt(segment);
            if (current.isMimeType("multipart/*") && current.getContent() instanceof Multipart multipart) {
                if (index > multipart.getCount()) throw new MailStoreException(Reason.NOT_FOUND, "No part " + partId);
                current = multipart.getBodyPart(index - 1);
            } else if (current == message && index == 1) {
                // the body of a single-part message
            } else {
                throw new MailStoreException(Reason.NOT_FOUND, "No part " + partId);
            }
        }
        return current;
    }

    private static MessagePart node(Part part, String id) throws MessagingException, IOException {
        if (!(part.getContent() instanceof Multipart multipart)) return leaf(part, id.isEmpty() ? "1" : id);
        List<MessagePart> children = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            Part child = multipart.getBodyPart(i);
            String childId = id.isEmpty() ? Integer.toString(i + 1) : id + "." + (i + 1);
            children.add(child.isMimeType("multipart/*") ? node(child, childId) : leaf(child, childId));
        }
        return new MessagePart(id.isEmpty() ? "TEXT" : id, baseType(part), null, Math.max(part.getSize(), 0),
                null, null, null, List.copyOf(children));
    }

    private static MessagePart leaf(Part part, String id) throws MessagingException {
        String contentId = part instanceof jakarta.mail.internet.MimePart mime ? mime.getContentID() : null;
        return new MessagePart(id, baseType(part), charset(part), Math.max(part.getSize(), 0), filename(part),
                disposition(part), contentId, List.of());
    }

    private static @Nullable String filename(Part part) {
        try {
            return part.getFileName();
        } catch (MessagingException e) {
            return null; // a broken encoded-word in the name
        }
    }

    private static @Nullable String disposition(Part part) {
        try {
            String d = part.getDisposition();
            return d == null ? null : d.toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String baseType(Part part) throws MessagingException {
        String raw = part.getContentType();
        if (raw == null) return "text/plain";
        try {
            return new ContentType(raw).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "application/octet-stream";
        }
    }

    private static @Nullable String charset(Part part) throws MessagingException {
        String raw = part.getContentType();
        if (raw == null) return null;
        try {
            return new ContentType(raw).getParameter("charset");
        } catch (ParseException e) {
            return null;
        }
    }
}
