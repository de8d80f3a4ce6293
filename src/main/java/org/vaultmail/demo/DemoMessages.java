package org.vaultmail.demo;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.jspecify.annotations.Nullable;

/** Builds real MIME messages (Jakarta Mail) for the demo mailboxes and for tests that seed mail. */
public final class DemoMessages {

    private static final Session SESSION = Session.getInstance(new Properties());

    private DemoMessages() {
    }

    /** A plain-text message; {@code from} and {@code to} may carry a name ({@code "Bob <bob@x>"}). */
    public static MimeMessage plain(String from, String to, String subject, String body, Instant date) {
        try {
            MimeMessage message = start(null, InternetAddress.parse(from)[0], List.of(InternetAddress.parse(to)),
                    subject, date, List.of());
            message.setText(body, "UTF-8");
            return saved(message);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("Cannot build message '" + subject + "'", e);
        }
    }

    /** An address with a display name (RFC 2047-encoded when it is not ASCII). */
    static InternetAddress address(String email, @Nullable String name) {
        try {
            return new InternetAddress(email, name, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A message with headers set; {@code messageId} is kept as given (null: generated), and
     * {@code references} (oldest first) also set In-Reply-To to their last entry.
     */
    static MimeMessage start(@Nullable String messageId, InternetAddress from, List<InternetAddress> to, String subject,
                             Instant date, List<String> references) throws MessagingException {
        MimeMessage message = messageId == null ? new MimeMessage(SESSION) : new FixedIdMessage(SESSION, messageId);
        message.setFrom(from);
        message.setRecipients(MimeMessage.RecipientType.TO, to.toArray(InternetAddress[]::new));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(Date.from(date));
        if (!references.isEmpty()) {
            message.setHeader("In-Reply-To", references.getLast());
            message.setHeader("References", String.join(" ", references));
        }
        return message;
    }

    static MimeMessage saved(MimeMessage message) throws MessagingException {
        message.saveChanges();
        return message;
    }

    static MimeBodyPart text(String body) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, "UTF-8");
        return part;
    }

    static MimeBodyPart html(String html) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(html, "UTF-8", "html");
        return part;
    }

    static MimeBodyPart attachment(byte[] data, String contentType, String fileName) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(data, contentType)));
        part.setFileName(fileName);
        part.setDisposition(Part.ATTACHMENT);
        return part;
    }

    /** An image referenced from HTML as {@code cid:<contentId>}. */
    static MimeBodyPart inlineImage(byte[] png, String contentId, String fileName) throws MessagingException {
        MimeBodyPart part = attachment(png, "image/png", fileName);
        part.setDisposition(Part.INLINE);
        part.setContentID("<" + contentId + ">");
        return part;
    }

    static MimeMultipart multipart(String subtype, BodyPart... parts) throws MessagingException {
        MimeMultipart multipart = new MimeMultipart(subtype);
        for (BodyPart part : parts) {
            multipart.addBodyPart(part);
        }
        return multipart;
    }

    static MimeBodyPart wrap(MimeMultipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Keeps a seeded, deterministic Message-ID: {@code saveChanges()} would otherwise replace it. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
