package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.SmtpLoginCheck.Outcome;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.vault.Secret;

/** "Test connection" against the shared Postfix submission (127.0.0.1:1025, AUTH via Dovecot) as example.test users. */
@Tag("dovecot")
class SmtpAuthenticatorDovecotTest {

    final SmtpAuthenticator check = new SmtpAuthenticator(new MailProperties(Duration.ofSeconds(5), Duration.ofSeconds(10)),
            new org.vaultmail.account.MailServerDirectory(new org.vaultmail.account.MailDomainsProperties(java.util.List.of())));

    @Test
    void aliceWithHerPasswordIsOk() {
        DovecotFixture.get();
        assertThat(check(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)).isEqualTo(Outcome.OK);
    }

    @Test
    void aliceWithBobsPasswordIsAuthFailed() {
        DovecotFixture.get();
        assertThat(check(DovecotFixture.ALICE, DovecotFixture.BOB_PASSWORD)).isEqualTo(Outcome.AUTH_FAILED);
    }

    @Test
    void requiredStartTlsAgainstAServerWithoutItIsATlsProblemNotAPlaintextLogin() {
        DovecotFixture.get();
        assertThat(check(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD, Security.STARTTLS)).isEqualTo(Outcome.TLS_FAILED);
    }

    private Outcome check(String user, String password) {
        return check(user, password, Security.PLAIN);
    }

    private Outcome check(String user, String password, Security security) {
        MailServers servers = new MailServers("example.test",
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.IMAPS_PORT, Security.TLS),
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.SMTP_PORT, security), Optional.empty());
        try (Secret pw = Secret.ofUtf8(password)) {
            return check.check(servers, user, pw);
        }
    }
}
