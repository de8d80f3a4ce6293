package org.vaultmail.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.vault.Secret;

/**
 * {@link MailAuthenticator} on Angus Mail: TLS or STARTTLS (required, never optional) with host name
 * checks, the domain's trust store if it has one, and connect/read timeouts. Logs name the server
 * and the exception type only: server replies may echo what the user typed.
 */
@Component
class ImapAuthenticator implements MailAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ImapAuthenticator.class);

    private final MailProperties properties;

    ImapAuthenticator(MailProperties properties) {
        this.properties = properties;
    }

    @Override
    public BindResult bind(MailServers servers, String address, Secret password) {
        MailServers.Endpoint imap = servers.imap();
        Properties props;
        try {
            props = sessionProperties(imap.security(), servers);
        } catch (IOException | GeneralSecurityException e) {
            log.warn("IMAP bind to {}: cannot load the trust store ({})", imap, e.getClass().getSimpleName());
            return BindResult.UNREACHABLE;
        }
        String protocol = imap.security() == Security.TLS ? "imaps" : "imap";
        try (Store store = Session.getInstance(props).getStore(protocol)) {
            store.connect(imap.host(), imap.port(), address, password.revealUtf8());
            return BindResult.OK;
        } catch (AuthenticationFailedException e) {
            return BindResult.WRONG_CREDENTIALS;
        } catch (MessagingException e) {
            log.info("IMAP bind to {} failed: {}", imap, e.getClass().getSimpleName()
                    + (e.getNextException() == null ? "" : " / " + e.getNextException().getClass().getSimpleName()));
            return BindResult.UNREACHABLE;
        }
    }

    Properties sessionProperties(Security security, MailServers servers) throws IOException, GeneralSecurityException {
        String p = security == Security.TLS ? "mail.imaps." : "mail.imap.";
        Properties props = new Properties();
        props.setProperty(p + "connectiontimeout", Long.toString(properties.connectTimeout().toMillis()));
        props.setProperty(p + "timeout", Long.toString(properties.readTimeout().toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(properties.readTimeout().toMillis()));
        switch (security) {
            case TLS -> {
                props.setProperty(p + "ssl.enable", "true");
                props.setProperty(p + "ssl.checkserveridentity", "true");
            }
            case STARTTLS -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "true");
                props.setProperty(p + "ssl.checkserveridentity", "true");
            }
            case PLAIN -> { } // loopback only, checked by MailServerDirectory
        }
        if (security != Security.PLAIN && servers.trustStore().isPresent()) {
            props.put(p + "ssl.socketFactory", socketFactory(servers.trustStore().get()));
        }
        return props;
    }

    /** Trusts exactly the certificates in {@code trustStore} (PKCS#12 or JKS; certificates need no password). */
    static SSLSocketFactory socketFactory(Path trustStore) throws IOException, GeneralSecurityException {
        String name = trustStore.getFileName().toString().toLowerCase(Locale.ROOT);
        KeyStore store = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            store.load(in, null);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
