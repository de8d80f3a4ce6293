package org.vaultmail.gateway.mailboxes;

/**
 * The owner typed a new password for a mailbox in {@code needs_reauth} and it worked: the outbox releases the mail it
 * held for it. Published in the transaction that stored the new credentials.
 */
public record MailboxReauthenticated(long mailboxId, long userId) {
}
