package org.vaultmail.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.Random;

import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.jspecify.annotations.Nullable;

/** Messages for the mail store contract: a builder for plain ones, and the structured ones. */
final class TestMessages {

    static final Session SESSION = Session.getInstance(new Properties());

    private TestMessages() {
    }

    /** A MimeMessage whose APPEND carries {@code arrival} as INTERNALDATE. */
    static MimeMessage arrivedAt(@Nullable Instant arrival) {
        return new MimeMessage(SESSION) {
            @Override
            public @Nullable Date getReceivedDate() {
                return arrival == null ? null : Date.from(arrival);
            }
        };
    }

    static MimeMessage plain(String from, String to, String subject, Instant sent, String body) {
        return plain(from, to, subject, sent, null, body);
    }

    static MimeMessage plain(String from, String to, String subject, Instant sent, @Nullable Instant arrival, String body) {
        try {
            MimeMessage m = arrivedAt(arrival);
            m.setFrom(new InternetAddress(from));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            m.setSubject(subject, "UTF-8");
            m.setSentDate(Date.from(sent));
            m.setText(body, "UTF-8");
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MimeMessage withFlags(MimeMessage m, Flags.Flag... flags) throws MessagingException {
        for (Flags.Flag f : flags) m.setFlag(f, true);
        return m;
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static final byte[] PDF = randomBytes(150_000, 1);
    static final byte[] PNG = randomBytes(3_000, 2);

    /**
     * multipart/mixed [ 1 multipart/related [ 1.1 multipart/alternative [ 1.1.1 text/plain, 1.1.2 text/html ],
     * 1.2 image/png cid:logo ], 2 application/pdf attachment "report.pdf", 3 message/rfc822 "forwarded.eml" ].
     */
    static MimeMessage structured(String from, String to) throws MessagingException {
        MimeMessage m = arrivedAt(null);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setRecipients(Message.RecipientType.CC, InternetAddress.parse("Carol <carol@example.test>"));
        m.setSubject("Quarterly report", "UTF-8");
        m.setSentDate(Date.from(Instant.parse("2026-03-01T10:00:00Z")));

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello Grüße", "UTF-8");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Hello <img src=\"cid:logo\"></p>", "UTF-8", "html");
        alternative.addBodyPart(html);
        MimeBodyPart alternativePart = new MimeBodyPart();
        alternativePart.setContent(alternative);

        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(alternativePart);
        MimeBodyPart image = new MimeBodyPart();
        image.setDataHandler(new DataHandler(new ByteArrayDataSource(PNG, "image/png")));
        image.setContentID("<logo>");
        image.setDisposition(MimeBodyPart.INLINE);
        related.addBodyPart(image);
        MimeBodyPart relatedPart = new MimeBodyPart();
        relatedPart.setContent(related);

        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(PDF, "application/pdf")));
        pdf.setFileName("report.pdf");
        pdf.setDisposition(MimeBodyPart.ATTACHMENT);

        MimeBodyPart forwarded = new MimeBodyPart();
        forwarded.setContent(plain("dave@example.test", to, "Inner", Instant.parse("2026-02-01T10:00:00Z"), "inner body"),
                "message/rfc822");
        forwarded.setFileName("forwarded.eml");
        forwarded.setDisposition(MimeBodyPart.ATTACHMENT);

        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(relatedPart);
        mixed.addBodyPart(pdf);
        mixed.addBodyPart(forwarded);
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    /** A message as raw bytes (for charsets Jakarta Mail would re-encode). */
    static MimeMessage raw(String text) {
        try {
            return new MimeMessage(SESSION, new java.io.ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message from raw bytes. */
    static MimeMessage raw(byte[] bytes) {
        try {
            return new MimeMessage(SESSION, new java.io.ByteArrayInputStream(bytes));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
