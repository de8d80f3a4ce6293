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
import org.vaultmail.mail.MessagePart;

/**
 * Whether a listed message has attachments, from the BODYSTRUCTURE Angus fetched with the page
 * (Angus builds multiparts from it without downloading content).
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

    /** The {@code charset} parameter of the part's Content-Type, or null when there is none or the header does not parse. */
    static @Nullable String charset(Part part) throws MessagingException {
        String raw = part.getContentType();
        if (raw == null) return null;
        try {
            return new ContentType(raw).getParameter("charset");
        } catch (ParseException e) {
            return null;
        }
    }
}
