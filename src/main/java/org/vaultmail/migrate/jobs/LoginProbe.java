package org.vaultmail.migrate.jobs;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vaultmail.account.MailServers;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.migrate.engine.ImapAccount;
import org.vaultmail.migrate.engine.TokenImapConnector;
import org.vaultmail.oauth.AccessTokenSource;
import org.vaultmail.vault.Secret;

/** "Test connection" for one side of a new job: connect, log in, log out (through {@link MailLogins}). */
final class LoginProbe {

    enum Outcome { OK, REFUSED, UNREACHABLE }

    private static final Logger log = LoggerFactory.getLogger(LoginProbe.class);

    private final MailLogins logins;

    LoginProbe(MailLogins logins) {
        this.logins = logins;
    }

    /** An OAuth source: XOAUTH2 with the grant's token, one refresh if refused (as the engine connects). */
    Outcome test(MailServers servers, String login, AccessTokenSource tokens) {
        TokenImapConnector connector = new TokenImapConnector(
                account -> { throw new IllegalStateException("a token login"); },
                (s, user, token) -> (IMAPStore) logins.openImapWithToken(s, user, token, 1));
        try (Store store = connector.connect(ImapAccount.withTokens(servers, login, tokens, java.time.Duration.ofMinutes(1)))) {
            return store.isConnected() ? Outcome.OK : Outcome.UNREACHABLE;
        } catch (AuthenticationFailedException e) {
            String reply = e.getMessage();
            if (reply != null && reply.contains("[UNAVAILABLE]")) return Outcome.UNREACHABLE;
            return Outcome.REFUSED;
        } catch (MessagingException | RuntimeException e) {
            log.info("migration OAuth login test at {} failed: {}", servers.imap(), e.getClass().getSimpleName());
            return Outcome.UNREACHABLE;
        }
    }

    Outcome test(MailServers servers, String login, Secret password) {
        try (Store store = logins.openImap(servers, login, password)) {
            return store.isConnected() ? Outcome.OK : Outcome.UNREACHABLE;
        } catch (AuthenticationFailedException e) {
            // "NO [UNAVAILABLE] Temporary authentication failure" (RFC 5530) says nothing about the password
            String reply = e.getMessage();
            if (reply != null && reply.contains("[UNAVAILABLE]")) return Outcome.UNREACHABLE;
            return Outcome.REFUSED; // the server's reply may echo the login: not passed on
        } catch (MessagingException e) {
            log.info("migration login test at {} failed: {}", servers.imap(), e.getClass().getSimpleName()
                    + (e.getNextException() == null ? "" : " / " + e.getNextException().getClass().getSimpleName()));
            return Outcome.UNREACHABLE;
        }
    }
}
