package org.vaultmail.mail.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.account.TrustStores;
import org.vaultmail.mail.ClientOrigin;
import org.vaultmail.mail.MailStore;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.mail.MailStoreFactory;
import org.vaultmail.vault.Secret;

/**
 * {@link MailStoreFactory} on Angus Mail: TLS or STARTTLS required (plain only where the directory
 * allowed it, i.e. loopback), server identity checked, the domain's trust store, timeouts, and
 * {@code BODY.PEEK} so reading never marks a message seen. Angus enables {@code UTF8=ACCEPT} by
 * itself after login when the server offers it.
 */
public final class AngusMailStoreFactory implements MailStoreFactory {

    /** Bytes per partial FETCH when streaming a part or the source. */
    static final int FETCH_SIZE = 256 * 1024;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Function<MailServers, Optional<KeyStore>> trustAnchors;
    private final boolean previews;
    private final MailStoreCaches caches;

    public AngusMailStoreFactory(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, s -> Optional.empty());
    }

    /** {@code trustAnchors}: the operator's trust store per domain, as loaded at start-up (MailServerDirectory). */
    public AngusMailStoreFactory(Duration connectTimeout, Duration readTimeout,
                                 Function<MailServers, Optional<KeyStore>> trustAnchors) {
        this(connectTimeout, readTimeout, trustAnchors, new MailStoreCaches());
    }

    /** {@code caches}: shared by the stores this factory opens, so their hit rates are counted together. */
    public AngusMailStoreFactory(Duration connectTimeout, Duration readTimeout,
                                 Function<MailServers, Optional<KeyStore>> trustAnchors, MailStoreCaches caches) {
        this(connectTimeout, readTimeout, trustAnchors, true, caches);
    }

    private AngusMailStoreFactory(Duration connectTimeout, Duration readTimeout, Function<MailServers, Optional<KeyStore>> trustAnchors,
                                  boolean previews, MailStoreCaches caches) {
        this.caches = caches;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.trustAnchors = trustAnchors;
        this.previews = previews;
    }

    /** A factory whose lists carry no previews (saves one FETCH of 256 bytes per message per page). */
    public AngusMailStoreFactory withoutPreviews() {
        return new AngusMailStoreFactory(connectTimeout, readTimeout, trustAnchors, false, caches);
    }

    @Override
    public MailStore open(MailServers servers, String address, Secret password) {
        return open(servers, address, password, false);
    }

    @Override
    public MailStore openWithToken(MailServers servers, String address, Secret accessToken) {
        return open(servers, address, accessToken, true);
    }

    private MailStore open(MailServers servers, String address, Secret password, boolean xoauth2) {
        MailServers.Endpoint imap = servers.imap();
        Properties props;
        try {
            props = sessionProperties(imap.security(), servers);
        } catch (IOException | GeneralSecurityException e) {
            throw new MailStoreException(Reason.UNAVAILABLE, "Cannot load the trust store of " + servers.domain(), e);
        }
        if (xoauth2) props.setProperty(MailSessionProperties.prefix("imap", imap.security()) + "auth.mechanisms", "XOAUTH2");
        Session session = MailSessions.of(servers, props);
        // Angus's stores, with a protocol that can parse FETCH (PREVIEW), telling the server who the client is
        IMAPStore store = ClientIds.store(session, imap.security() == Security.TLS,
                servers.sendClientAddress() ? ClientOrigin.current().orElse(null) : null);
        try {
            store.connect(imap.host(), imap.port(), address, password.revealUtf8());
        } catch (AuthenticationFailedException e) {
            throw new MailStoreException(Reason.WRONG_CREDENTIALS, "IMAP login refused by " + imap);
        } catch (MessagingException e) {
            throw new MailStoreException(Reason.UNAVAILABLE, "Cannot connect to " + imap + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        return new AngusMailStore(store, previews, caches);
    }

    Properties sessionProperties(Security security, MailServers servers) throws IOException, GeneralSecurityException {
        SSLSocketFactory trust = security != Security.PLAIN && servers.trustStore().isPresent() ? socketFactory(servers) : null;
        Properties props = MailSessionProperties.of("imap", security, connectTimeout, readTimeout, trust);
        String p = MailSessionProperties.prefix("imap", security);
        props.setProperty(p + "peek", "true");
        props.setProperty(p + "partialfetch", "true");
        props.setProperty(p + "fetchsize", Integer.toString(FETCH_SIZE));
        // a search IMAP cannot express fails instead of Angus downloading every message to search here
        props.setProperty(p + "throwsearchexception", "true");
        return props;
    }

    /**
     * Trusts exactly the operator's certificates for this domain: the store loaded (with its password)
     * and checked at start-up by {@code MailServerDirectory} when the factory knows it, else the file
     * read without a password (PEM/DER certificates, or an unencrypted key store).
     */
    private SSLSocketFactory socketFactory(MailServers servers) throws IOException, GeneralSecurityException {
        Optional<KeyStore> loaded = trustAnchors.apply(servers);
        KeyStore store = loaded.isPresent() ? loaded.get() : TrustStores.load(servers.trustStore().orElseThrow(), null);
        return TrustStores.sslContext(store).getSocketFactory();
    }
}
