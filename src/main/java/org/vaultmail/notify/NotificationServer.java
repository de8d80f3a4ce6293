package org.vaultmail.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.TrustStores;
import org.vaultmail.vault.Secret;

/**
 * The operator's notification SMTP server, checked once at start-up (a bad setting stops the start with
 * every problem named): implicit TLS or required STARTTLS with host-name checks and the optional trust
 * store, or plain to a loopback host only. Holds the password as a {@link Secret}; prints none of it.
 */
final class NotificationServer {

    private final String host;
    private final int port;
    private final Security security;
    private final @Nullable String username;
    private final @Nullable Secret password;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final Properties sessionProperties;

    private NotificationServer(String host, int port, Security security, @Nullable String username, @Nullable Secret password,
                               InternetAddress from, String messageIdDomain, Properties sessionProperties) {
        this.host = host;
        this.port = port;
        this.security = security;
        this.username = username;
        this.password = password;
        this.from = from;
        this.messageIdDomain = messageIdDomain;
        this.sessionProperties = sessionProperties;
    }

    /** The configured server, or null when {@code smtp.host} is not set; throws naming every problem otherwise. */
    static @Nullable NotificationServer of(NotificationProperties p) {
        NotificationProperties.Smtp smtp = p.smtp();
        if (smtp == null || smtp.host() == null || smtp.host().isBlank()) return null;
        List<String> problems = new ArrayList<>();
        String host = smtp.host().strip();
        Security security = smtp.security() == null ? Security.TLS : smtp.security();
        int port = smtp.port() != null ? smtp.port() : security == Security.TLS ? 465 : 587;
        if (port < 1 || port > 65535) problems.add("smtp.port: " + port + " is not a port");
        if (security == Security.PLAIN && !MailServerDirectory.isLoopback(host)) {
            problems.add("smtp.security: 'plain' is only allowed for a loopback host, not " + host);
        }
        InternetAddress from = null;
        if (p.from() == null || p.from().isBlank()) {
            problems.add("from: the sender address is required when smtp.host is set");
        } else {
            try {
                from = address(p.from().strip());
                from.setPersonal(singleLine(p.fromName()), StandardCharsets.UTF_8.name());
            } catch (AddressException | java.io.UnsupportedEncodingException e) {
                problems.add("from: not a valid mail address");
            }
        }
        if (p.fromName() != null && !p.fromName().equals(singleLine(p.fromName()))) problems.add("from-name: must be one line");
        String domain = p.messageIdDomain() != null ? p.messageIdDomain().strip()
                : from == null ? "" : from.getAddress().substring(from.getAddress().indexOf('@') + 1);
        if (!domain.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,250}[A-Za-z0-9])?")) problems.add("message-id-domain: not a domain name");
        if (p.maxAttempts() < 1) problems.add("max-attempts: must be at least 1");
        String username = smtp.username() == null || smtp.username().isBlank() ? null : smtp.username().strip();
        Secret password = null;
        if (smtp.password() != null && smtp.passwordFile() != null) problems.add("smtp.password and smtp.password-file: set one, not both");
        else if (smtp.passwordFile() != null) {
            try {
                password = Secret.ofUtf8(Files.readString(smtp.passwordFile(), StandardCharsets.UTF_8).stripTrailing());
            } catch (IOException e) {
                problems.add("smtp.password-file: cannot read " + smtp.passwordFile() + " (" + e.getClass().getSimpleName() + ")");
            }
        } else if (smtp.password() != null) {
            password = Secret.ofUtf8(smtp.password());
        }
        if (password != null && username == null) problems.add("smtp.username: required when a password is set");
        SSLSocketFactory trust = null;
        if (smtp.trustStore() != null) {
            try {
                trust = TrustStores.sslContext(TrustStores.load(smtp.trustStore(), smtp.trustStorePassword())).getSocketFactory();
            } catch (IOException | GeneralSecurityException e) {
                problems.add("smtp.trust-store: cannot load " + smtp.trustStore() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (!problems.isEmpty()) {
            if (password != null) password.close();
            throw new IllegalStateException("vaultmail.notifications is not valid: "
                    + String.join("; ", problems.stream().map(s -> "vaultmail.notifications." + s).toList()));
        }
        Properties props = sessionProperties(security, smtp, trust, username != null);
        return new NotificationServer(host, port, security, username, password, from, domain.toLowerCase(Locale.ROOT), props);
    }

    private static Properties sessionProperties(Security security, NotificationProperties.Smtp smtp,
                                                @Nullable SSLSocketFactory trust, boolean auth) {
        String prefix = "mail." + protocol(security) + ".";
        Properties props = new Properties();
        long connect = smtp.connectTimeout() == null ? 10_000 : smtp.connectTimeout().toMillis();
        long read = smtp.readTimeout() == null ? 30_000 : smtp.readTimeout().toMillis();
        props.setProperty(prefix + "connectiontimeout", Long.toString(connect));
        props.setProperty(prefix + "timeout", Long.toString(read));
        props.setProperty(prefix + "writetimeout", Long.toString(read));
        props.setProperty(prefix + "auth", Boolean.toString(auth));
        switch (security) {
            case TLS -> {
                props.setProperty(prefix + "ssl.enable", "true");
                props.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
            case STARTTLS -> {
                props.setProperty(prefix + "starttls.enable", "true");
                props.setProperty(prefix + "starttls.required", "true"); // never on in plain text
                props.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
            case PLAIN -> { } // loopback only, checked above
        }
        if (security != Security.PLAIN && trust != null) props.put(prefix + "ssl.socketFactory", trust);
        return props;
    }

    /** A strict RFC 822 address with no control character (no header injection through it). */
    static InternetAddress address(String text) throws AddressException {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i)) || Character.isWhitespace(text.charAt(i))) {
                throw new AddressException("control character or space in an address");
            }
        }
        InternetAddress address = new InternetAddress(text, true);
        if (address.getAddress().indexOf('@') < 1 || !address.getAddress().equals(text)) {
            throw new AddressException("not a plain mail address");
        }
        return address;
    }

    Session session() {
        return Session.getInstance(sessionProperties);
    }

    InternetAddress from() {
        return from;
    }

    String messageIdDomain() {
        return messageIdDomain;
    }

    /** Submits one message to one recipient; throws what the server or the network said. */
    void send(jakarta.mail.internet.MimeMessage message, InternetAddress recipient) throws MessagingException {
        try (Transport transport = message.getSession().getTransport(protocol(security))) {
            if (username != null && password != null) {
                transport.connect(host, port, username, password.revealUtf8());
            } else {
                transport.connect(host, port, null, null);
            }
            transport.sendMessage(message, new InternetAddress[] {recipient});
        }
    }

    static String singleLine(@Nullable String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ").strip();
    }

    private static String protocol(Security security) {
        return security == Security.TLS ? "smtps" : "smtp";
    }

    @Override
    public String toString() {
        return "NotificationServer[" + host + ":" + port + ", " + security + ", username=" + username + ", password=[PROTECTED]]";
    }
}
