package org.vaultmail.mail;

import org.vaultmail.vault.Secret;

/**
 * Supplies the IMAP password (or, for an OAuth session, a current access token) when {@link MailConnections} or a
 * {@link FolderWatcher} must open a new connection; never called when an open connection is reused. The caller closes
 * (destroys) the returned secret right after connecting.
 */
@FunctionalInterface
public interface CredentialSource {

    /** How the secret of {@link #open} logs in. */
    enum Mechanism {
        /** A password (IMAP LOGIN or SASL PLAIN). */
        PASSWORD,
        /** An OAuth 2.0 access token (SASL XOAUTH2, issue 15). */
        XOAUTH2
    }

    Secret open();

    /** Asked before {@link #open}; a password unless the source says otherwise. */
    default Mechanism mechanism() {
        return Mechanism.PASSWORD;
    }

    /**
     * The server refused the secret {@link #open} returned. A token source forgets its access token, so the next
     * {@link #open} fetches a new one (the caller retries once); a password source has nothing to do.
     */
    default void refused() {
    }
}
