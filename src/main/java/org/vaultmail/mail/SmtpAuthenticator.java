package org.vaultmail.mail;

import java.security.GeneralSecurityException;
import java.util.Properties;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.account.TrustStores;
import org.vaultmail.mail.internal.MailSessionProperties;
import org.vaultmail.mail.internal.MailSessions;
import org.vaultmail.vault.Secret;

/**
 * {@link SmtpLoginCheck} on Angus Mail: implicit TLS ({@code smtps}) or required STARTTLS, both with host
 * name checks and the domain's trust store if it has one; EHLO, AUTH, QUIT. Logs name the server and the
 * exception type only: replies may echo what the user typed.
 */
@Component
class SmtpAuthenticator implements SmtpLoginCheck {

    private static final Logger log = LoggerFactory.getLogger(SmtpAuthenticator.class);

    private final MailProperties properties;
    private final MailServerDirectory directory;

    SmtpAuthenticator(MailProperties properties, MailServerDirectory directory) {
        this.directory = directory;
        this.properties = properties;
    }

    @Override
    public Outcome check(MailServers servers, String username, Secret password) {
        MailServers.Endpoint smtp = servers.smtp();
        Properties props;
        try {
            props = sessionProperties(smtp.security(), servers);
        } catch (GeneralSecurityException e) {
            log.warn("SMTP check against {}: cannot load the trust store ({})", smtp, e.getClass().getSimpleName());
            return Outcome.TLS_FAILED;
        }
        String protocol = smtp.security() == Security.TLS ? "smtps" : "smtp";
        try (Transport transport = MailSessions.of(servers, props).getTransport(protocol)) {
            transport.connect(smtp.host(), smtp.port(), username, password.revealUtf8());
            if (transport instanceof SMTPTransport t && !t.supportsExtension("AUTH") && !t.supportsExtension("AUTH=LOGIN")) {
                return Outcome.AUTH_NOT_OFFERED;
            }
            return Outcome.OK;
        } catch (AuthenticationFailedException e) {
            return Outcome.AUTH_FAILED;
        } catch (MessagingException e) {
            boolean tls = causedBy(e, SSLException.class) || (e.getMessage() != null && e.getMessage().contains("STARTTLS"));
            log.info("SMTP check against {} failed: {}", smtp, e.getClass().getSimpleName()
                    + (e.getNextException() == null ? "" : " / " + e.getNextException().getClass().getSimpleName()));
            return tls ? Outcome.TLS_FAILED : Outcome.UNREACHABLE;
        }
    }

    Properties sessionProperties(Security security, MailServers servers) throws GeneralSecurityException {
        // the operator's trust store, loaded (with its password) and checked at start-up
        var anchors = directory.trustAnchors(servers);
        Properties props = MailSessionProperties.of("smtp", security, properties.connectTimeout(), properties.readTimeout(),
                anchors.isPresent() ? TrustStores.sslContext(anchors.get()).getSocketFactory() : null);
        props.setProperty(MailSessionProperties.prefix("smtp", security) + "auth", "true");
        return props;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return true;
            if (t instanceof MessagingException m && m.getNextException() != null && type.isInstance(m.getNextException())) return true;
        }
        return false;
    }
}
