package org.vaultmail.mail;

import org.vaultmail.vault.Secret;

/**
 * Supplies the IMAP password when {@link MailConnections} must open a new connection; never called when an
 * open connection is reused. The pool closes (destroys) the returned secret right after connecting.
 */
@FunctionalInterface
public interface CredentialSource {

    Secret open();
}
