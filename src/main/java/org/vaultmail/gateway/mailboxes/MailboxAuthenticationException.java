package org.vaultmail.gateway.mailboxes;

import jakarta.mail.MessagingException;

import org.springframework.modulith.NamedInterface;

/** The mail server refused a connected mailbox's stored credentials. The message names the mailbox id, never a secret. */
@NamedInterface("mailboxes")
public class MailboxAuthenticationException extends MessagingException {

    public MailboxAuthenticationException(long mailboxId, String serverReply) {
        super("the mail server refused the stored credentials of connected mailbox " + mailboxId + ": " + serverReply);
    }
}
