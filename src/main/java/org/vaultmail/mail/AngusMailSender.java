package org.vaultmail.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.util.SharedFileInputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.account.SmtpLogin;
import org.vaultmail.mail.SendException.Reason;
import org.vaultmail.mail.internal.MailSessions;

/**
 * {@link MailSender} on Angus Mail, with the same TLS rules and trust store as the "test connection" check
 * ({@link SmtpAuthenticator}): implicit TLS or required STARTTLS, AUTH, then MAIL/RCPT/DATA with no partial
 * sends (one refused recipient stops the whole message, so the user can fix it and send to all). Logs name
 * the server and exception types only: SMTP replies may echo what the user typed.
 */
@Component
class AngusMailSender implements MailSender {

    private static final Logger log = LoggerFactory.getLogger(AngusMailSender.class);

    private final SmtpAuthenticator smtp;
    /** Per server: its SIZE (0: none announced) and when it was learnt; a failed probe is remembered for less long. */
    private final Map<MailServers, Known> sizeLimits = new ConcurrentHashMap<>();

    private record Known(long limit, long atNanos, boolean failed) {
        boolean fresh() {
            long age = System.nanoTime() - atNanos;
            return age < (failed ? FAILED_TTL_NANOS : TTL_NANOS);
        }
    }

    private static final long TTL_NANOS = java.util.concurrent.TimeUnit.HOURS.toNanos(1);
    private static final long FAILED_TTL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

    AngusMailSender(SmtpAuthenticator smtp) {
        this.smtp = smtp;
    }

    @Override
    public void send(MailServers servers, SmtpLogin login, String envelopeFrom, List<String> recipients, byte[] message) {
        send(servers, login, envelopeFrom, recipients, message.length, new ByteArrayInputStream(message));
    }

    /** Streams the file (a shared file stream: the message is never all in the heap). */
    @Override
    public void send(MailServers servers, SmtpLogin login, String envelopeFrom, List<String> recipients, Path message) {
        SharedFileInputStream in;
        long size;
        try {
            size = Files.size(message);
            in = new SharedFileInputStream(message.toFile());
        } catch (IOException e) {
            throw new SendException(Reason.UNAVAILABLE, "The message to send cannot be read");
        }
        try {
            send(servers, login, envelopeFrom, recipients, size, in);
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                // after the send: a close failure of a read-only file must not turn a sent message into an error
            }
        }
    }

    private void send(MailServers servers, SmtpLogin login, String envelopeFrom, List<String> recipients, long size, InputStream message) {
        if (recipients.isEmpty()) throw new SendException(Reason.REFUSED, "The message has no recipients");
        MailServers.Endpoint endpoint = servers.smtp();
        Properties props = properties(servers, true);
        props.setProperty(MailSessionPropertiesPrefix.of(endpoint.security()) + "sendpartial", "false");
        if (login.xoauth2()) props.setProperty(MailSessionPropertiesPrefix.of(endpoint.security()) + "auth.mechanisms", "XOAUTH2");
        Session session = MailSessions.of(servers, props);
        try (SMTPTransport transport = (SMTPTransport) session.getTransport(protocol(endpoint.security()))) {
            transport.connect(endpoint.host(), endpoint.port(), login.username(), login.password().revealUtf8());
            long limit = limit(transport);
            sizeLimits.put(servers, new Known(limit, System.nanoTime(), false));
            if (limit > 0 && size > limit) {
                throw new SendException(Reason.TOO_LARGE, "The message (" + size + " bytes) is larger than the "
                        + limit + " bytes the mail server accepts");
            }
            SMTPMessage smtpMessage = new SMTPMessage(session, message);
            smtpMessage.setEnvelopeFrom(envelopeFrom);
            transport.sendMessage(smtpMessage, addresses(recipients));
        } catch (AuthenticationFailedException e) {
            throw new SendException(Reason.AUTH_FAILED, "The mail server refused the SMTP login of this session");
        } catch (SendFailedException e) {
            throw sendFailed(endpoint, e);
        } catch (MessagingException e) {
            log.info("Sending through {} failed: {}", endpoint, kinds(e));
            if (tlsFailed(e)) {
                // never retried without TLS: the message is not sent
                throw new SendException(Reason.UNAVAILABLE, "A secure (TLS) connection to the mail server failed (untrusted certificate, "
                        + "or STARTTLS not offered); the message was not sent");
            }
            throw new SendException(Reason.UNAVAILABLE, "The mail server could not be reached to send the message");
        }
    }

    private static boolean tlsFailed(MessagingException e) {
        if (e.getMessage() != null && e.getMessage().contains("STARTTLS")) return true;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) return true;
            if (t instanceof MessagingException m && m.getNextException() instanceof javax.net.ssl.SSLException) return true;
        }
        return false;
    }

    @Override
    public OptionalLong sizeLimit(MailServers servers) {
        Known known = sizeLimits.get(servers);
        if (known != null && known.fresh()) return known.limit() > 0 ? OptionalLong.of(known.limit()) : OptionalLong.empty();
        MailServers.Endpoint endpoint = servers.smtp();
        // EHLO without logging in: submission servers announce SIZE before AUTH
        try (SMTPTransport transport = (SMTPTransport) MailSessions.of(servers, properties(servers, false))
                .getTransport(protocol(endpoint.security()))) {
            transport.connect(endpoint.host(), endpoint.port(), null, null);
            long limit = limit(transport);
            sizeLimits.put(servers, new Known(limit, System.nanoTime(), false));
            return limit > 0 ? OptionalLong.of(limit) : OptionalLong.empty();
        } catch (MessagingException | SendException e) {
            // not again for a while: every draft save asks for the limits, and an unreachable server costs a connect timeout
            sizeLimits.put(servers, new Known(0, System.nanoTime(), true));
            log.info("Asking {} for its size limit failed: {}", endpoint, e.getClass().getSimpleName());
            return OptionalLong.empty();
        }
    }

    private Properties properties(MailServers servers, boolean auth) {
        try {
            Properties props = smtp.sessionProperties(servers.smtp().security(), servers);
            if (!auth) props.remove(MailSessionPropertiesPrefix.of(servers.smtp().security()) + "auth");
            return props;
        } catch (GeneralSecurityException e) {
            log.warn("Sending through {}: cannot load the trust store ({})", servers.smtp(), e.getClass().getSimpleName());
            throw new SendException(Reason.UNAVAILABLE, "The mail server's trust store cannot be loaded; ask your operator");
        }
    }

    private static long limit(SMTPTransport transport) {
        String size = transport.getExtensionParameter("SIZE");
        if (size == null || size.isBlank()) return 0;
        try {
            return Long.parseLong(size.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static SendException sendFailed(MailServers.Endpoint endpoint, SendFailedException e) {
        List<String> rejected = new ArrayList<>();
        Address[] invalid = e.getInvalidAddresses();
        if (invalid != null) for (Address a : invalid) rejected.add(((InternetAddress) a).getAddress());
        int code = e instanceof SMTPSendFailedException s ? s.getReturnCode() : 0;
        for (Exception next = e.getNextException(); code == 0 && next != null;
             next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPSendFailedException s) code = s.getReturnCode();
        }
        log.info("Sending through {} refused: {} (code {}, {} recipient(s) refused)", endpoint, kinds(e), code, rejected.size());
        if (code == 552 || code == 523) {
            return new SendException(Reason.TOO_LARGE, "The mail server refused the message as too large");
        }
        if (!rejected.isEmpty()) {
            return new SendException(Reason.RECIPIENT_REJECTED, "The mail server refused "
                    + (rejected.size() == 1 ? "the recipient " : "the recipients ") + String.join(", ", rejected), rejected);
        }
        return new SendException(Reason.REFUSED, "The mail server refused the message" + (code > 0 ? " (code " + code + ")" : ""));
    }

    private static Address[] addresses(List<String> recipients) throws MessagingException {
        Address[] out = new Address[recipients.size()];
        for (int i = 0; i < out.length; i++) out[i] = new InternetAddress(recipients.get(i), true);
        return out;
    }

    private static String protocol(Security security) {
        return security == Security.TLS ? "smtps" : "smtp";
    }

    private static String kinds(MessagingException e) {
        return e.getClass().getSimpleName() + (e.getNextException() == null ? "" : " / " + e.getNextException().getClass().getSimpleName());
    }

    /** {@code mail.smtp.} or {@code mail.smtps.} */
    private static final class MailSessionPropertiesPrefix {
        static String of(Security security) {
            return org.vaultmail.mail.internal.MailSessionProperties.prefix("smtp", security);
        }
    }
}
