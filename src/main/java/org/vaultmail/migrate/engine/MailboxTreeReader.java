package org.vaultmail.migrate.engine;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.mapping.MailboxTree;

/** Reads one server's folder tree (the mapping's {@code MailboxTrees::read} fits). */
@FunctionalInterface
public interface MailboxTreeReader {

    MailboxTree read(IMAPStore store) throws MessagingException;
}
