package org.vaultmail.compose;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.modulith.NamedInterface;

/**
 * New outgoing MIME messages with the Message-ID their writer chose, for compose and the gateway's outbox. One shared
 * {@link Session}: building one per message scans the class path for providers.
 */
@NamedInterface("mime")
public final class MimeMessages {

    private static final Session SESSION = session();

    private MimeMessages() {
    }

    /** An empty message that keeps {@code messageId} (with its angle brackets) through {@code saveChanges}. */
    public static MimeMessage withMessageId(String messageId) {
        return new FixedIdMessage(SESSION, messageId);
    }

    private static Session session() {
        Properties props = new Properties();
        props.setProperty("mail.mime.encodeparameters", "true"); // RFC 2231 filenames
        props.setProperty("mail.mime.splitlongparameters", "true");
        return Session.getInstance(props);
    }

    /** Keeps the Message-ID we chose ({@code saveChanges} would make one up on the host name). */
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
