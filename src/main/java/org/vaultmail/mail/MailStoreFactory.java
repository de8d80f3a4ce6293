package org.vaultmail.mail;

import org.vaultmail.account.MailServers;
import org.vaultmail.vault.Secret;

/** Opens a {@link MailStore} connection as one user on their domain's IMAP server. */
public interface MailStoreFactory {

    /**
     * Connects and logs in with the domain's security, trust store and timeouts. The password is only
     * read during the call. Throws {@link MailStoreException} ({@code WRONG_CREDENTIALS}, {@code UNAVAILABLE}).
     */
    MailStore open(MailServers servers, String address, Secret password);

    /**
     * Like {@link #open} with SASL XOAUTH2, an OAuth access token in place of the password (an OAuth domain's
     * session, issue 15). A refused token is {@code WRONG_CREDENTIALS}.
     */
    default MailStore openWithToken(MailServers servers, String address, Secret accessToken) {
        throw new UnsupportedOperationException("XOAUTH2 is not supported by " + getClass().getSimpleName());
    }

    /** Opens with the source's mechanism (password or XOAUTH2); the secret is closed after the login. */
    default MailStore open(MailServers servers, String address, CredentialSource credentials) {
        try (Secret secret = credentials.open()) {
            return credentials.mechanism() == CredentialSource.Mechanism.XOAUTH2
                    ? openWithToken(servers, address, secret) : open(servers, address, secret);
        }
    }
}
