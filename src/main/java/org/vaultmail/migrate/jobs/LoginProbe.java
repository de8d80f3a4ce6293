package org.vaultmail.migrate.jobs;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.vault.Secret;

/** "Test connection" for one side of a new job: connect, log in, log out (through {@link MailLogins}). */
final class LoginProbe {

    enum Outcome { OK, REFUSED, UNREACHABLE }

    private static final Logger log = LoggerFactory.getLogger(LoginProbe.class);

    private final MailLogins logins;

    LoginProbe(MailLogins logins) {
        this.logins = logins;
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
