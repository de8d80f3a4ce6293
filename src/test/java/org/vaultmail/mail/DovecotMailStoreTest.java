package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.internal.AngusMailStoreFactory;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.vault.Secret;

/**
 * The mail store contract on a real Dovecot over IMAPS with the test certificate (SORT, SPECIAL-USE,
 * CONDSTORE, '/' as delimiter). Alice is shared with other tests, so everything happens under a
 * folder of our own, deleted afterwards.
 */
@Tag("dovecot")
class DovecotMailStoreTest implements OrganiseContract {

    static final String ROOT = "Test-" + UUID.randomUUID().toString().substring(0, 8);
    static Store seeder;
    static MailStore store;

    @BeforeAll
    static void connect() throws MessagingException {
        DovecotFixture dovecot = DovecotFixture.get();
        seeder = dovecot.imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD);
        seeder.getFolder(ROOT).create(Folder.HOLDS_FOLDERS | Folder.HOLDS_MESSAGES);
        store = open(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    static MailStore open(AngusMailStoreFactory factory) {
        return open(factory, new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.IMAPS_PORT, Security.TLS));
    }

    static MailStore open(AngusMailStoreFactory factory, MailServers.Endpoint imap) {
        MailServers servers = new MailServers("example.test", imap,
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.SMTP_PORT, Security.PLAIN),
                Optional.of(DovecotFixture.CERTIFICATE)); // PEM: the fixture's PKCS#12 needs a password MailServers cannot carry
        try (Secret password = Secret.ofUtf8(DovecotFixture.ALICE_PASSWORD)) {
            return factory.open(servers, DovecotFixture.ALICE, password);
        }
    }

    @AfterAll
    static void cleanUp() throws MessagingException {
        if (store != null) store.close();
        if (seeder != null) {
            try {
                Folder root = seeder.getFolder(ROOT);
                if (root.exists()) root.delete(true);
            } finally {
                seeder.close();
            }
        }
    }

    @Test
    void starttlsIsRequiredAndTheCertificateMustBeTrusted() {
        AngusMailStoreFactory factory = new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(10));
        MailServers.Endpoint smtp = new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.SMTP_PORT, Security.PLAIN);
        MailServers starttls = new MailServers("example.test",
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.IMAP_PORT, Security.STARTTLS), smtp,
                Optional.of(DovecotFixture.CERTIFICATE));
        MailServers untrusted = new MailServers("example.test",
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.IMAPS_PORT, Security.TLS), smtp, Optional.empty());
        try (Secret password = Secret.ofUtf8(DovecotFixture.ALICE_PASSWORD)) {
            try (MailStore overStarttls = factory.open(starttls, DovecotFixture.ALICE, password)) {
                assertThat(overStarttls.folders()).anyMatch(f -> f.path().isInbox());
            }
            assertThatThrownBy(() -> factory.open(untrusted, DovecotFixture.ALICE, password))
                    .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.UNAVAILABLE));
        }
    }

    @Override
    public boolean serverThreads() {
        return true;
    }

    @Override
    public boolean serverMakesPreviews() {
        return true;
    }

    @Override
    public boolean serverHasCondstore() {
        return true;
    }

    @Override
    public MailStore store() {
        return store;
    }

    @Override
    public Store seeder() {
        return seeder;
    }

    @Override
    public String address() {
        return DovecotFixture.ALICE;
    }

    @Override
    public String root() {
        return ROOT;
    }
}
