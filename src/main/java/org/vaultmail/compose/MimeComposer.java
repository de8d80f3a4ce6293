package org.vaultmail.compose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link Prepared} letter into RFC 5322 bytes: {@code multipart/alternative} (plain, then HTML) when
 * there is HTML, inside {@code multipart/mixed} when there are files; UTF-8 bodies, RFC 2047 names and subject,
 * RFC 2231 filenames (Angus's {@code mail.mime.encodeparameters}), a {@code Message-ID} on our domain and a
 * {@code Date}. The {@link Variant} decides what the copy carries: Bcc never goes to the recipients.
 */
final class MimeComposer {

    /** Draft header naming the answered or forwarded message ({@code folder-url-encoded uid kind}). */
    static final String ORIGINAL_HEADER = "X-Vaultmail-Original";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final @Nullable String messageIdDomain;

    MimeComposer(Clock clock, @Nullable String messageIdDomain) {
        this.clock = clock;
        this.messageIdDomain = messageIdDomain;
    }

    /** Which copy: what SMTP carries, what Sent keeps, what Drafts keeps. */
    enum Variant {
        SEND, SENT_COPY, DRAFT
    }

    /** A new Message-ID on the configured domain, else the sender's. */
    String newMessageId(InternetAddress from) {
        String domain = messageIdDomain != null ? messageIdDomain
                : from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "<" + HexFormat.of().formatHex(random) + "@" + domain + ">";
    }

    byte[] compose(Prepared letter, String messageId, Variant variant) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        compose(letter, messageId, variant, out);
        return out.toByteArray();
    }

    /** The message in a new file of the upload spool (deleted when the request ends), never as one array in the heap. */
    Path compose(Prepared letter, String messageId, Variant variant, UploadSpool spool) {
        Path file = spool.newFile();
        try (OutputStream out = Files.newOutputStream(file)) {
            compose(letter, messageId, variant, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes the message to {@code out}; files are streamed from where they are, not copied into the heap. */
    void compose(Prepared letter, String messageId, Variant variant, OutputStream out) {
        try {
            MimeMessage message = MimeMessages.withMessageId(messageId);
            message.setFrom(letter.from());
            if (!letter.to().isEmpty()) message.setRecipients(RecipientType.TO, letter.to().toArray(InternetAddress[]::new));
            if (!letter.cc().isEmpty()) message.setRecipients(RecipientType.CC, letter.cc().toArray(InternetAddress[]::new));
            if (variant != Variant.SEND && !letter.bcc().isEmpty()) {
                message.setRecipients(RecipientType.BCC, letter.bcc().toArray(InternetAddress[]::new));
            }
            message.setSubject(letter.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            if (letter.inReplyTo() != null) message.setHeader("In-Reply-To", letter.inReplyTo());
            if (!letter.references().isEmpty()) {
                message.setHeader("References", MimeUtility.fold(12, String.join(" ", letter.references())));
            }
            if (variant == Variant.DRAFT && letter.original() != null) {
                Letter.Original o = letter.original();
                message.setHeader(ORIGINAL_HEADER, URLEncoder.encode(o.folder(), StandardCharsets.UTF_8) + " " + o.uid() + " "
                        + o.kind().name().toLowerCase(Locale.ROOT));
            }
            MimeMultipart body = body(letter);
            if (body == null) {
                message.setText(letter.text(), "UTF-8", "plain");
            } else {
                message.setContent(body);
            }
            message.saveChanges();
            message.writeTo(out);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot build the message (" + e.getClass().getSimpleName() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null for a single text/plain body. */
    private static @Nullable MimeMultipart body(Prepared letter) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(letter.text(), "UTF-8", "plain");
        MimeBodyPart main = text;
        if (letter.html() != null && !letter.html().isBlank()) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            MimeBodyPart html = new MimeBodyPart();
            html.setText(letter.html(), "UTF-8", "html");
            alternative.addBodyPart(html);
            if (letter.attachments().isEmpty()) return alternative;
            main = new MimeBodyPart();
            main.setContent(alternative);
        }
        if (letter.attachments().isEmpty()) return null;
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(main);
        for (Attachment a : letter.attachments()) mixed.addBodyPart(file(a));
        return mixed;
    }

    private static MimeBodyPart file(Attachment a) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new AttachmentSource(a)));
        part.setFileName(a.filename()); // RFC 2231 when not ASCII
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        // a forwarded message stays readable as one; everything else is base64 so its bytes arrive intact
        if (!a.contentType().equalsIgnoreCase("message/rfc822")) part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** The file's bytes as a stream each time the message is written (never all in memory). */
    private record AttachmentSource(Attachment attachment) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            return attachment.open();
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getContentType() {
            return attachment.contentType();
        }

        @Override
        public String getName() {
            return attachment.filename();
        }
    }
}
