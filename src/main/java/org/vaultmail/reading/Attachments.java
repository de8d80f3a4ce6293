package org.vaultmail.reading;

import java.util.Locale;
import java.util.Set;

import org.vaultmail.mail.MessagePart;

/** How an attachment is named and typed when the user downloads it. */
final class Attachments {

    /** Types a browser would run or render as a document on our origin; served as opaque bytes. */
    private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml",
            "application/xml", "text/javascript", "application/javascript", "application/x-javascript", "text/css",
            "application/pdf", "multipart/x-mixed-replace");

    private Attachments() {
    }

    /** The part's file name, or a made-up one from its type ("message.eml", "attachment.png"). */
    static String filename(MessagePart part) {
        String name = part.filename();
        if (name != null && !name.isBlank()) return name.replaceAll("[\\r\\n\\x00/\\\\]", "_");
        String type = part.contentType().toLowerCase(Locale.ROOT);
        if (type.equals("message/rfc822")) return "message.eml";
        int slash = type.indexOf('/');
        String ext = slash < 0 ? "bin" : type.substring(slash + 1).replaceAll("[^a-z0-9]", "");
        if (ext.equals("plain")) ext = "txt";
        if (ext.equals("jpeg")) ext = "jpg";
        return "attachment." + (ext.isEmpty() ? "bin" : ext);
    }

    /** The Content-Type to serve: the declared one, unless a browser would treat it as active content. */
    static String servedType(MessagePart part) {
        String charset = part.charset();
        String type = part.contentType().toLowerCase(Locale.ROOT);
        if (!type.matches("[a-z0-9.+-]+/[a-z0-9.+-]+") || ACTIVE.contains(type)) return "application/octet-stream";
        if (type.startsWith("text/") && charset != null) return type + "; charset=" + charset.replaceAll("[^A-Za-z0-9_.:-]", "");
        return type;
    }
}
