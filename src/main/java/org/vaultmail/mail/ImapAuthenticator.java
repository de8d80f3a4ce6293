package org.vaultmail.mail;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vaultmail.account.MailDomainsProperties;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.account.TrustStores;
import org.vaultmail.mail.internal.ClientIds;
import org.vaultmail.mail.internal.MailSessionProperties;
import org.vaultmail.mail.internal.MailSessions;
import org.vaultmail.vault.Secret;

/**
 * {@link MailAuthenticator} on Angus Mail: TLS or STARTTLS (required, never optional) with host name
 * checks, the domain's trust store if it has one, and connect/read timeouts; the client's address goes to the
 * server first ({@link ClientOrigin}, when the domain allows it). Logs name the server
 * and the exception type only: server replies may echo what the user typed.
 */
@Component
class ImapAuthenticator implements MailAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ImapAuthenticator.class);

    private final MailProperties properties;
    private final Map<String, String> trustStorePasswords;
    private final Map<Path, SSLSocketFactory> socketFactories = new ConcurrentHashMap<>();

    @Autowired
    ImapAuthenticator(MailProperties properties, MailDomainsProperties domains) {
        this.properties = properties;
        Map<String, String> passwords = new HashMap<>();
        for (MailDomainsProperties.Domain d : domains.domains()) {
            if (d.domain() != null && d.trustStorePassword() != null) {
                passwords.put(d.domain().trim().toLowerCase(Locale.ROOT), d.trustStorePassword());
            }
        }
        this.trustStorePasswords = Map.copyOf(passwords);
    }

    ImapAuthenticator(MailProperties properties) {
        this(properties, new MailDomainsProperties(List.of()));
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
        ClientOrigin origin = servers.sendClientAddress() ? ClientOrigin.current().orElse(null) : null;
        try (Store store = ClientIds.store(MailSessions.of(servers, props), imap.security() == Security.TLS, origin)) {
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
        SSLSocketFactory trust = null;
        if (security != Security.PLAIN && servers.trustStore().isPresent()) {
            Path trustStore = servers.trustStore().get();
            trust = socketFactories.get(trustStore);
            if (trust == null) {
                trust = socketFactory(trustStore, trustStorePasswords.get(servers.domain()));
                socketFactories.put(trustStore, trust);
            }
        }
        return MailSessionProperties.of("imap", security, properties.connectTimeout(), properties.readTimeout(), trust);
    }

    /** Trusts exactly the certificates in {@code trustStore} (PEM/DER, or PKCS#12/JKS opened with its password). */
    static SSLSocketFactory socketFactory(Path trustStore, @Nullable String password) throws IOException, GeneralSecurityException {
        return TrustStores.sslContext(TrustStores.load(trustStore, password)).getSocketFactory();
    }
}
