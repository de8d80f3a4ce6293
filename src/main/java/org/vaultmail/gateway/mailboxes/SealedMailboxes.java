package org.vaultmail.gateway.mailboxes;

import java.time.Clock;
import java.util.Optional;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.account.SmtpLogin;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.vault.VaultException;

/**
 * {@link ConnectedMailboxes} on the sealed {@code connected_mailboxes} rows: the one place where a stored mailbox
 * password is unsealed, for one SMTP or IMAP session, then wiped ({@link SmtpLogin#close}). Jakarta Mail needs the
 * password as a {@code String} for the AUTH command; that copy lives only for the connect call.
 */
final class SealedMailboxes implements ConnectedMailboxes {

    private final MailboxRows rows;
    private final MailboxCredentials credentials;
    private final MailServerDirectory directory;
    private final MailLogins logins;
    private final MailboxEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final OAuthMailboxes oauth;

    SealedMailboxes(MailboxRows rows, MailboxCredentials credentials, MailServerDirectory directory, MailLogins logins,
                    MailboxEvents events, TransactionTemplate tx, Clock clock, OAuthMailboxes oauth) {
        this.rows = rows;
        this.credentials = credentials;
        this.directory = directory;
        this.logins = logins;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.oauth = oauth;
    }

    @Override
    public Optional<ConnectedMailbox> byId(long mailboxId) {
        return rows.find(mailboxId).map(MailboxRows.Listed::mailbox);
    }

    @Override
    public Optional<ConnectedMailbox> byAddress(long userId, String address) {
        return rows.byAddress(userId, address).map(MailboxRows.Listed::mailbox);
    }

    @Override
    public <T> T withSmtp(long mailboxId, MailWork<SMTPTransport, T> work) throws MessagingException {
        return with(mailboxId, work, logins::openSmtp);
    }

    @Override
    public <T> T withImap(long mailboxId, MailWork<Store, T> work) throws MessagingException {
        return with(mailboxId, work, logins::openImap);
    }

    @Override
    public SendApi sendApi(long mailboxId) throws MessagingException {
        ConnectedMailbox m = byId(mailboxId).orElseThrow(() -> new MailboxUnavailableException(mailboxId, "no such mailbox"));
        switch (m.state()) {
            case DISABLED -> throw new MailboxUnavailableException(mailboxId, "disabled by an operator");
            case NEEDS_REAUTH -> throw new MailboxAuthenticationException(mailboxId, "waiting for its owner to connect the account again");
            case CONNECTED -> { }
        }
        if (!m.kind().oauth()) throw new MailboxUnavailableException(mailboxId, "it sends through SMTP, not a provider's API");
        long grantId = rows.grantId(mailboxId).orElseThrow(() -> new MailboxUnavailableException(mailboxId, "its OAuth grant is gone"));
        return oauth.sendApi(m, grantId);
    }

    @Override
    public void authenticationFailed(long mailboxId) {
        tx.executeWithoutResult(status -> {
            if (!rows.needsReauth(mailboxId, clock.instant())) return; // already so, disabled or gone: told once
            ConnectedMailbox m = rows.find(mailboxId).orElseThrow().mailbox();
            events.needsReauth(m, rows.ownerAddress(m.userId()).orElse(m.address()));
        });
    }

    private interface Opener<C extends AutoCloseable> {
        C open(MailServers servers, String username, org.vaultmail.vault.Secret password) throws MessagingException;
    }

    private <C extends AutoCloseable, T> T with(long mailboxId, MailWork<C, T> work, Opener<C> opener) throws MessagingException {
        MailboxRows.SealedCredentials row = rows.credentials(mailboxId)
                .orElseThrow(() -> new MailboxUnavailableException(mailboxId, "no such mailbox"));
        ConnectedMailbox m = row.mailbox();
        switch (m.state()) {
            case DISABLED -> throw new MailboxUnavailableException(mailboxId, "disabled by an operator");
            case NEEDS_REAUTH -> throw new MailboxAuthenticationException(mailboxId, "waiting for its owner to enter the new password");
            case CONNECTED -> { }
        }
        if (m.kind().oauth()) throw new MailboxUnavailableException(mailboxId, "it sends through its provider's API");
        MailServers servers = directory.forAddress(m.address())
                .orElseThrow(() -> new MailboxUnavailableException(mailboxId, "its domain has no configured mail servers"));
        C connection;
        try (SmtpLogin login = open(m, row.ciphertext())) {
            connection = opener.open(servers, login.username(), login.password());
        } catch (AuthenticationFailedException e) {
            // the server's reply may echo the login: it is not passed on
            throw new MailboxAuthenticationException(mailboxId, "authentication refused");
        }
        try (connection) {
            T result = work.run(connection);
            rows.touch(mailboxId, clock.instant());
            return result;
        } catch (MessagingException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("closing the connection of mailbox " + mailboxId + " failed: " + e.getClass().getSimpleName());
        }
    }

    private SmtpLogin open(ConnectedMailbox m, byte[] ciphertext) throws MailboxUnavailableException {
        try {
            return credentials.open(m.id(), m.userId(), ciphertext);
        } catch (VaultException e) {
            throw new MailboxUnavailableException(m.id(), "its stored credentials do not open (" + e.getMessage() + ")");
        }
    }
}
