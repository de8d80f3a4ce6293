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
}
