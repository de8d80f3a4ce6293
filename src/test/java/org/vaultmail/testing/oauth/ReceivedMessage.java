package org.vaultmail.testing.oauth;

import java.io.ByteArrayInputStream;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** One message a provider API stand-in accepted: the exact MIME bytes, who sent it (the token's subject), and how. */
public final class ReceivedMessage {

    private final byte[] raw;
    private final String subject;
    private final Set<String> scopes;

    ReceivedMessage(byte[] raw, String subject, Set<String> scopes) {
        this.raw = raw.clone();
        this.subject = subject;
        this.scopes = Set.copyOf(scopes);
    }

    /** The decoded MIME, byte for byte as the client sent it. */
    public byte[] raw() {
        return raw.clone();
    }

    /** {@link #raw()} parsed. */
    public MimeMessage message() {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException("the stub accepted MIME it cannot parse", e);
        }
    }

    /** The mailbox the bearer token belongs to (introspection's {@code sub}). */
    public String sender() {
        return subject;
    }

    /** The scopes of the token it was sent with. */
    public Set<String> tokenScopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return "ReceivedMessage[from token of " + subject + ", " + raw.length + " bytes]";
    }
}
