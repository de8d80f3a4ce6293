package org.vaultmail.gateway.mailboxes;

import jakarta.mail.MessagingException;

import org.springframework.modulith.NamedInterface;

/**
 * {@link ConnectedMailboxes#withSmtp}/{@code withImap} refused to open a mailbox that is gone, {@code disabled} by an
 * operator, or whose domain has no configured servers any more: nothing was sent, and retrying will not help until
 * its state changes. Names the mailbox id, never a secret.
 */
@NamedInterface("mailboxes")
public class MailboxUnavailableException extends MessagingException {

    public MailboxUnavailableException(long mailboxId, String why) {
        super("connected mailbox " + mailboxId + " cannot be used: " + why);
    }
}
