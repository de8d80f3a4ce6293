package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.SmtpLoginCheck.Outcome;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.vault.Secret;

/** "Test connection" against GreenMail's SMTP (AUTH PLAIN/LOGIN): each failure gets its own outcome. */
class SmtpAuthenticatorTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    final SmtpAuthenticator check = new SmtpAuthenticator(new MailProperties(Duration.ofSeconds(2), Duration.ofSeconds(5)),
            new org.vaultmail.account.MailServerDirectory(new org.vaultmail.account.MailDomainsProperties(java.util.List.of())));

    @AfterAll
    static void stop() {
        MAIL.close();
    }

    @Test
    void rightPasswordIsOk() {
        MAIL.createUser("submit-ok@example.test", "smtp-pw");
        assertThat(check(GreenMailFixture.HOST, MAIL.smtpPort(), Security.PLAIN, "submit-ok@example.test", "smtp-pw"))
                .isEqualTo(Outcome.OK);
    }

    @Test
    void wrongPasswordIsAuthFailed() {
        MAIL.createUser("submit-wrong@example.test", "smtp-pw");
        assertThat(check(GreenMailFixture.HOST, MAIL.smtpPort(), Security.PLAIN, "submit-wrong@example.test", "nope"))
                .isEqualTo(Outcome.AUTH_FAILED);
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(check("127.0.0.1", closed, Security.PLAIN, "a", "b")).isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void implicitTlsAgainstAPlainServerIsATlsProblem() {
        assertThat(check(GreenMailFixture.HOST, MAIL.smtpPort(), Security.TLS, "a", "b")).isEqualTo(Outcome.TLS_FAILED);
    }

    private Outcome check(String host, int port, Security security, String user, String password) {
        MailServers servers = new MailServers("example.test", new MailServers.Endpoint(host, 1, Security.PLAIN),
                new MailServers.Endpoint(host, port, security), Optional.empty());
        try (Secret pw = Secret.ofUtf8(password)) {
            return check.check(servers, user, pw);
        }
    }
}
