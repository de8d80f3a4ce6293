package org.vaultmail.mail;

import org.vaultmail.account.MailServers;
import org.vaultmail.vault.Secret;

/** Checks a mailbox password by logging in to the domain's IMAP server (the "bind" of sign-in). */
public interface MailAuthenticator {

    /** Logs in as {@code address} and out again; never throws for a wrong password or a dead server. */
    BindResult bind(MailServers servers, String address, Secret password);

    /** What the IMAP server said. */
    enum BindResult {
        /** The server accepted the login. */
        OK,
        /** The server answered and refused the login. */
        WRONG_CREDENTIALS,
        /** No answer: connect failure, TLS failure or timeout. */
        UNREACHABLE
    }
}
