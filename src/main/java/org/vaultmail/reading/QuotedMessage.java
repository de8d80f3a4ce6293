package org.vaultmail.reading;

import java.io.ByteArrayInputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import org.jspecify.annotations.Nullable;

/**
 * A message as a reply or forward quotes it ({@link Mailbox#quote}): its view with HTML safe to send on (no resource
 * at all), and the unfolded {@code Reply-To} and {@code References} fields, which {@link MessageView} does not carry.
 */
public record QuotedMessage(MessageView view, @Nullable String replyTo, @Nullable String references) {

    /** Header sections larger than this are cut (long Received chains); the two fields sit near the top in practice. */
    static final int HEADER_LIMIT = 256 * 1024;

    static QuotedMessage of(MessageView view, byte[] header) {
        InternetHeaders fields;
        try {
            fields = new InternetHeaders(new ByteArrayInputStream(header));
        } catch (MessagingException e) {
            fields = new InternetHeaders(); // an unreadable header: reply to From, no references
        }
        return new QuotedMessage(view, fields.getHeader("Reply-To", ","), fields.getHeader("References", " "));
    }
}
