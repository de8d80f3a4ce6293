package org.vaultmail.gateway.mailboxes;

import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.modulith.NamedInterface;

/**
 * What the outbox needs of connected mailboxes. The only place where a stored mailbox credential is unsealed: for
 * the length of one SMTP (or IMAP) session, inside the worker, then wiped (issue 13 item 1).
 */
@NamedInterface("mailboxes")
public interface ConnectedMailboxes {

    Optional<ConnectedMailbox> byId(long mailboxId);

    /** The user's connected mailbox with this address (case-insensitive), in any state. */
    Optional<ConnectedMailbox> byAddress(long userId, String address);

    /**
     * Unseals the mailbox's credentials, connects to its domain's configured SMTP server and authenticates, runs
     * {@code work} on the open transport, closes it and wipes the credentials.
     *
     * @throws MailboxAuthenticationException the server refused the stored credentials (the caller holds its mail
     *                                        and calls {@link #authenticationFailed})
     * @throws MessagingException             anything else (network, TLS, …): temporary for the caller
     */
    <T> T withSmtp(long mailboxId, MailWork<SMTPTransport, T> work) throws MessagingException;

    /** Like {@link #withSmtp} for the domain's IMAP server (the Sent copy). */
    <T> T withImap(long mailboxId, MailWork<Store, T> work) throws MessagingException;

    /**
     * An OAuth mailbox's send API (kind {@code google} or {@code microsoft}): its provider's API base and the grant's
     * token source. Contacts nobody.
     *
     * @throws MailboxAuthenticationException the mailbox is in {@code needs_reauth} (the caller holds its mail)
     * @throws MailboxUnavailableException    gone, disabled, not an OAuth mailbox, its grant gone or its provider no
     *                                        longer configured for sending
     */
    SendApi sendApi(long mailboxId) throws MessagingException;

    /**
     * The server refused the stored credentials: {@code needs_reauth}, and (once per change of state) the owner is
     * told by mail and webhook. Idempotent.
     */
    void authenticationFailed(long mailboxId);

    @FunctionalInterface
    interface MailWork<C, T> {
        T run(C connection) throws MessagingException;
    }
}
