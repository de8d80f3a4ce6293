package org.vaultmail.mail;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.stereotype.Component;
import org.vaultmail.account.MailDomainsProperties;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.internal.ClientIds;
import org.vaultmail.mail.internal.MailSessionProperties;
import org.vaultmail.mail.internal.MailSessions;
import org.vaultmail.vault.Secret;

/** {@link MailLogins} on the session properties of {@link SmtpAuthenticator} and {@link ImapAuthenticator}. */
@Component
class AngusMailLogins implements MailLogins {

    private final SmtpAuthenticator smtp;
    private final ImapAuthenticator imap;

    /**
     * Its own {@link ImapAuthenticator} for the session properties, not the sign-in's bean: that bean is the
     * {@link MailAuthenticator} of sign-in, which a deployment or a test may replace with another implementation.
     */
    AngusMailLogins(SmtpAuthenticator smtp, MailProperties properties, MailDomainsProperties domains) {
        this.smtp = smtp;
        this.imap = new ImapAuthenticator(properties, domains);
    }

    @Override
    public SMTPTransport openSmtp(MailServers servers, String username, Secret password) throws MessagingException {
        return smtp(servers, username, password, false);
    }

    @Override
    public SMTPTransport openSmtpWithToken(MailServers servers, String username, Secret accessToken)
            throws MessagingException {
        return smtp(servers, username, accessToken, true);
    }

    @Override
    public Store openImapWithToken(MailServers servers, String username, Secret accessToken, int connectionPoolSize)
            throws MessagingException {
        return imap(servers, username, accessToken, connectionPoolSize, true);
    }

    private SMTPTransport smtp(MailServers servers, String username, Secret secret, boolean xoauth2)
            throws MessagingException {
        MailServers.Endpoint endpoint = servers.smtp();
        Properties props;
        try {
            props = smtp.sessionProperties(endpoint.security(), servers);
        } catch (GeneralSecurityException e) {
            throw new MessagingException("cannot load the trust store for " + endpoint + " (" + e.getClass().getSimpleName() + ")");
        }
        props.setProperty(MailSessionProperties.prefix("smtp", endpoint.security()) + "sendpartial", "false");
        if (xoauth2) props.setProperty(MailSessionProperties.prefix("smtp", endpoint.security()) + "auth.mechanisms", "XOAUTH2");
        SMTPTransport transport = (SMTPTransport) MailSessions.of(servers, props)
                .getTransport(endpoint.security() == Security.TLS ? "smtps" : "smtp");
        try {
            transport.connect(endpoint.host(), endpoint.port(), username, secret.revealUtf8());
            return transport;
        } catch (MessagingException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    @Override
    public Store openImap(MailServers servers, String username, Secret password) throws MessagingException {
        return openImap(servers, username, password, 1);
    }

    @Override
    public Store openImap(MailServers servers, String username, Secret password, int connectionPoolSize)
            throws MessagingException {
        return imap(servers, username, password, connectionPoolSize, false);
    }

    private Store imap(MailServers servers, String username, Secret secret, int connectionPoolSize, boolean xoauth2)
            throws MessagingException {
        MailServers.Endpoint endpoint = servers.imap();
        Properties props;
        try {
            props = imap.sessionProperties(endpoint.security(), servers);
        } catch (IOException | GeneralSecurityException e) {
            throw new MessagingException("cannot load the trust store for " + endpoint + " (" + e.getClass().getSimpleName() + ")");
        }
        if (connectionPoolSize > 1) {
            props.setProperty(MailSessionProperties.prefix("imap", endpoint.security()) + "connectionpoolsize",
                    Integer.toString(connectionPoolSize));
        }
        if (xoauth2) props.setProperty(MailSessionProperties.prefix("imap", endpoint.security()) + "auth.mechanisms", "XOAUTH2");
        Store store = ClientIds.store(MailSessions.of(servers, props), endpoint.security() == Security.TLS, null);
        try {
            store.connect(endpoint.host(), endpoint.port(), username, secret.revealUtf8());
            return store;
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
