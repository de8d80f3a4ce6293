package org.vaultmail.compose;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import org.jspecify.annotations.Nullable;
import org.vaultmail.i18n.UserText;

/** Reads a draft that {@link MimeComposer} wrote back into a {@link Letter}, files included, so it can be continued. */
final class DraftParser {

    private static final Session SESSION = Session.getInstance(new java.util.Properties());

    private DraftParser() {
    }

    /** The letter and the draft's Message-ID (kept when the draft is sent). */
    record Parsed(Letter letter, @Nullable String messageId) {
    }

    static Parsed parse(byte[] raw) {
        try {
            return parse(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
        } catch (MessagingException e) {
            throw unreadable(e);
        }
    }

    /**
     * Parses a draft kept in a file: the message and its files are read from the file when needed (through the
     * shared stream), so a large draft is never in the heap; the stream must stay open while the letter is used.
     */
    static Parsed parse(SharedFileInputStream raw) {
        try {
            return parse(new MimeMessage(SESSION, raw));
        } catch (MessagingException e) {
            throw unreadable(e);
        }
    }

    private static Parsed parse(MimeMessage m) {
        try {
            Body body = new Body();
            walk(m, body);
            Address[] from = m.getFrom();
            String fromAddress = from == null || from.length == 0 ? null : ((InternetAddress) from[0]).getAddress();
            String references = m.getHeader("References", " ");
            Letter letter = new Letter(fromAddress, addresses(m.getRecipients(RecipientType.TO)), addresses(m.getRecipients(RecipientType.CC)),
                    addresses(m.getRecipients(RecipientType.BCC)), m.getSubject() == null ? "" : m.getSubject(),
                    body.text == null ? "" : body.text, body.html, m.getHeader("In-Reply-To", null),
                    references == null ? List.of() : Arrays.stream(references.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList(),
                    body.files, original(m.getHeader(MimeComposer.ORIGINAL_HEADER, null)));
            return new Parsed(letter, m.getMessageID());
        } catch (MessagingException e) {
            throw unreadable(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The English names the exception's class only: its message may quote the draft. */
    private static ComposeException unreadable(MessagingException e) {
        return new ComposeException("draft", UserText.of("problem.compose.draftUnreadable", e.getClass().getSimpleName()));
    }

    private static final class Body {
        @Nullable String text;
        @Nullable String html;
        final List<Attachment> files = new ArrayList<>();
    }

    private static void walk(Part part, Body body) throws MessagingException, IOException {
        String type = part.getContentType() == null ? "text/plain" : part.getContentType().toLowerCase(Locale.ROOT);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (type.startsWith("multipart/") && !attachment) {
            Multipart multi = (Multipart) part.getContent();
            for (int i = 0; i < multi.getCount(); i++) walk(multi.getBodyPart(i), body);
        } else if (!attachment && type.startsWith("text/plain") && body.text == null) {
            body.text = (String) part.getContent();
        } else if (!attachment && type.startsWith("text/html") && body.html == null) {
            body.html = (String) part.getContent();
        } else if (part instanceof BodyPart) {
            long size;
            try (InputStream in = part.getInputStream()) {
                size = in.transferTo(OutputStream.nullOutputStream()); // the decoded size, counted without keeping the bytes
            }
            String name = part.getFileName() == null ? "attachment" : part.getFileName();
            String baseType = type.contains(";") ? type.substring(0, type.indexOf(';')).strip() : type.strip();
            body.files.add(new Attachment(name, baseType, size, () -> {
                try {
                    return part.getInputStream();
                } catch (MessagingException e) {
                    throw new IOException("The draft's file cannot be read (" + e.getClass().getSimpleName() + ")", e);
                }
            }));
        }
    }

    private static List<String> addresses(Address @Nullable [] addresses) {
        if (addresses == null) return List.of();
        return Arrays.stream(addresses).map(a -> ((InternetAddress) a).toUnicodeString()).toList();
    }

    private static Letter.@Nullable Original original(@Nullable String header) {
        if (header == null) return null;
        String[] parts = header.trim().split(" ");
        if (parts.length != 3) return null;
        try {
            return new Letter.Original(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), Long.parseLong(parts[1]),
                    Letter.Kind.valueOf(parts[2].toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
