package org.vaultmail.mail;

import org.vaultmail.account.MailServers;
import org.vaultmail.vault.Secret;

/**
 * "Test connection" for an SMTP login: connects to the domain's configured submission server (never a
 * host the user supplied), with its configured security, authenticates, and quits.
 */
public interface SmtpLoginCheck {

    /** Never throws for a wrong password, a dead server or a TLS failure: says which it was. */
    Outcome check(MailServers servers, String username, Secret password);

    /** What the server said. */
    enum Outcome {
        /** AUTH succeeded. */
        OK,
        /** The server refused the username or password. */
        AUTH_FAILED,
        /** The server answered but offers no AUTH on this connection. */
        AUTH_NOT_OFFERED,
        /** TLS handshake or certificate check failed. */
        TLS_FAILED,
        /** No answer: connect failure or timeout. */
        UNREACHABLE
    }
}
