package org.vaultmail.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.vaultmail.account.MailServers;
import org.vaultmail.vault.Secret;

/**
 * Authenticated connections to a domain's configured servers for callers that hold their own login (the gateway's
 * connected mailboxes), with the same TLS rules and trust store as {@link SmtpLoginCheck} and {@link MailAuthenticator}.
 * The caller closes what it gets. A refused login is a {@link jakarta.mail.AuthenticationFailedException}.
 */
public interface MailLogins {

    /** SMTP submission, connected and authenticated ({@code sendpartial} off: one refused recipient stops the message). */
    SMTPTransport openSmtp(MailServers servers, String username, Secret password) throws MessagingException;

    /** IMAP, connected and logged in; no client address is sent (the worker acts for nobody's browser). */
    Store openImap(MailServers servers, String username, Secret password) throws MessagingException;

    /**
     * IMAP with room for {@code connectionPoolSize} connections in the store's pool, for a caller that opens several
     * folders in turn on one store (a migration worker): a folder closed goes back to the pool instead of logging out,
     * so the next folder needs no new login.
     */
    default Store openImap(MailServers servers, String username, Secret password, int connectionPoolSize)
            throws MessagingException {
        return openImap(servers, username, password);
    }

    /**
     * SMTP submission authenticated with SASL XOAUTH2, the access token in place of a password (an OAuth domain's
     * session, issue 15). A refused token is a {@link jakarta.mail.AuthenticationFailedException}.
     */
    default SMTPTransport openSmtpWithToken(MailServers servers, String username, Secret accessToken)
            throws MessagingException {
        throw new UnsupportedOperationException("XOAUTH2 is not supported by " + getClass().getSimpleName());
    }

    /** IMAP logged in with SASL XOAUTH2 (an OAuth domain's session or an OAuth migration source). */
    default Store openImapWithToken(MailServers servers, String username, Secret accessToken, int connectionPoolSize)
            throws MessagingException {
        throw new UnsupportedOperationException("XOAUTH2 is not supported by " + getClass().getSimpleName());
    }
}
