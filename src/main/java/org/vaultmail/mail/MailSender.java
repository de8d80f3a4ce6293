package org.vaultmail.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.vaultmail.account.MailServers;
import org.vaultmail.account.SmtpLogin;

/**
 * The SMTP port: submits one message through the domain's configured submission server (never a host the
 * user supplied) with the session's SMTP login. Throws {@link SendException} saying what went wrong.
 */
public interface MailSender {

    /**
     * Sends {@code message} (RFC 5322 bytes, Bcc already removed) from {@code envelopeFrom} to every address of
     * {@code recipients}. The login is only read during the call.
     */
    void send(MailServers servers, SmtpLogin login, String envelopeFrom, List<String> recipients, byte[] message);

    /** {@link #send(MailServers, SmtpLogin, String, List, byte[])} of a message kept in a file; the adapter streams it. */
    default void send(MailServers servers, SmtpLogin login, String envelopeFrom, List<String> recipients, Path message) {
        try {
            send(servers, login, envelopeFrom, recipients, Files.readAllBytes(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest message the server takes (its EHLO {@code SIZE}), when it says; asked once per server and cached. */
    OptionalLong sizeLimit(MailServers servers);
}
