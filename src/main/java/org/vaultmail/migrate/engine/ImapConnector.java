package org.vaultmail.migrate.engine;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Opens an authenticated IMAP connection for one side (production: {@code mail.MailLogins#openImap}; tests may wrap
 * it to drop connections). A refused login is an {@link jakarta.mail.AuthenticationFailedException}.
 */
@FunctionalInterface
public interface ImapConnector {

    IMAPStore connect(ImapAccount account) throws MessagingException;
}
