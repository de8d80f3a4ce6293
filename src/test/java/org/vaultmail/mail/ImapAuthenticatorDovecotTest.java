package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.MailAuthenticator.BindResult;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.vault.Secret;

/** IMAP bind over real TLS and STARTTLS (Dovecot): the trust store decides, the host name is checked. */
@Tag("dovecot")
class ImapAuthenticatorDovecotTest {

    final ImapAuthenticator authenticator = new ImapAuthenticator(new MailProperties(Duration.ofSeconds(5), Duration.ofSeconds(10)),
            new MailDomainsProperties(java.util.List.of(new MailDomainsProperties.Domain("example.test", null, null, null,
                    DovecotFixture.TRUST_STORE_PASSWORD))));

    @Test
    void tlsWithTheDomainsTrustStoreBinds() {
        DovecotFixture dovecot = DovecotFixture.get();
        MailServers servers = servers(DovecotFixture.IMAPS_PORT, Security.TLS, Optional.of(dovecot.trustStore()));

        assertThat(bind(servers, DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)).isEqualTo(BindResult.OK);
        assertThat(bind(servers, DovecotFixture.ALICE, "wrong")).isEqualTo(BindResult.WRONG_CREDENTIALS);
    }

    @Test
    void starttlsWithTheDomainsTrustStoreBinds() {
        DovecotFixture dovecot = DovecotFixture.get();
        MailServers servers = servers(DovecotFixture.IMAP_PORT, Security.STARTTLS, Optional.of(dovecot.trustStore()));

        assertThat(bind(servers, DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD)).isEqualTo(BindResult.OK);
    }

    @Test
    void untrustedCertificateIsUnreachableNotWrongPassword() {
        DovecotFixture.get();
        MailServers servers = servers(DovecotFixture.IMAPS_PORT, Security.TLS, Optional.empty());

        assertThat(bind(servers, DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)).isEqualTo(BindResult.UNREACHABLE);
    }

    private BindResult bind(MailServers servers, String address, String password) {
        try (Secret pw = Secret.ofUtf8(password)) {
            return authenticator.bind(servers, address, pw);
        }
    }

    private static MailServers servers(int port, Security security, Optional<java.nio.file.Path> trustStore) {
        return new MailServers("example.test", new MailServers.Endpoint(DovecotFixture.HOST, port, security),
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.SMTP_PORT, Security.PLAIN), trustStore);
    }
}
