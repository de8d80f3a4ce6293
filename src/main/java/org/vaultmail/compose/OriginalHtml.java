package org.vaultmail.compose;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.vaultmail.sanitize.MailHtmlSanitizer;
import org.vaultmail.sanitize.ResourceRewriter;

/**
 * The HTML part of an original message, sanitised for quoting in an outgoing mail (issue 5, ADR 0016):
 * the reading allow-list (no script, handlers, forms, frames, style elements) with <em>every</em> resource
 * dropped: remote images are not fetched by the recipient on the user's behalf, and {@code cid:} images are
 * dropped because the quote does not carry the original's parts (forward as attachment keeps them).
 * The reading view's HTML cannot be reused: it points at this server's own part and proxy URLs.
 */
final class OriginalHtml {

    /** Larger HTML parts are not quoted as HTML (the Markdown rendering of the {@code > } quote is used). */
    static final int MAX_HTML = 1024 * 1024;

    private static final MailHtmlSanitizer SANITIZER = new MailHtmlSanitizer();
    private static final Session SESSION = Session.getInstance(new Properties());

    private OriginalHtml() {
    }

    /** The sanitised HTML body of {@code raw}, or null when it has none (or none worth quoting). */
    static @Nullable String of(byte[] raw) {
        try {
            String html = find(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
            if (html == null || html.length() > MAX_HTML) return null;
            return SANITIZER.sanitize(html, ResourceRewriter.blockAll()).html();
        } catch (MessagingException | IOException | RuntimeException e) {
            return null; // a broken original is quoted as text only
        }
    }

    private static @Nullable String find(Part part) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) return null;
        String type = part.getContentType() == null ? "" : part.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html")) return part.getContent() instanceof String s ? s : null;
        if (type.startsWith("multipart/") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = find(child);
                if (found != null) return found;
            }
        }
        return null;
    }
}
