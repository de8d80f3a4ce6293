package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.internal.AngusMailStoreFactory;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.vault.Secret;

/** The mail store contract on GreenMail, which has SORT but no SPECIAL-USE ('.' as delimiter). */
class GreenMailMailStoreTest implements OrganiseContract {

    static final String ADDRESS = "alice@example.test";
    static final String PASSWORD = "alice-pw";
    static GreenMailFixture mail;
    static Store seeder;
    static MailStore store;

    @BeforeAll
    static void start() throws MessagingException {
        mail = GreenMailFixture.start();
        mail.createUser(ADDRESS, PASSWORD);
        seeder = mail.imap(ADDRESS, PASSWORD);
        for (String name : new String[] {"Sent Items", "Drafts", "Deleted Items", "Spam"}) {
            seeder.getFolder(name).create(Folder.HOLDS_MESSAGES);
        }
        store = open(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    static MailStore open(AngusMailStoreFactory factory) {
        return open(factory, mail.imapPort());
    }

    /** A store on GreenMail's IMAP, or on a forwarder to it listening on {@code imapPort}. */
    static MailStore open(AngusMailStoreFactory factory, int imapPort) {
        MailServers servers = new MailServers("example.test",
                new MailServers.Endpoint(GreenMailFixture.HOST, imapPort, Security.PLAIN),
                new MailServers.Endpoint(GreenMailFixture.HOST, mail.smtpPort(), Security.PLAIN), Optional.empty());
        try (Secret password = Secret.ofUtf8(PASSWORD)) {
            return factory.open(servers, ADDRESS, password);
        }
    }

    @AfterAll
    static void stop() throws MessagingException {
        if (store != null) store.close();
        if (seeder != null) seeder.close();
        if (mail != null) mail.close();
    }

    @Test
    void wrongPasswordIsWrongCredentialsAndTlsToAPlainServerIsUnavailable() {
        MailServers.Endpoint smtp = new MailServers.Endpoint(GreenMailFixture.HOST, mail.smtpPort(), Security.PLAIN);
        AngusMailStoreFactory factory = new AngusMailStoreFactory(Duration.ofSeconds(2), Duration.ofSeconds(2));
        MailServers plain = new MailServers("example.test",
                new MailServers.Endpoint(GreenMailFixture.HOST, mail.imapPort(), Security.PLAIN), smtp, Optional.empty());
        MailServers tls = new MailServers("example.test",
                new MailServers.Endpoint(GreenMailFixture.HOST, mail.imapPort(), Security.TLS), smtp, Optional.empty());
        try (Secret wrong = Secret.ofUtf8("wrong"); Secret right = Secret.ofUtf8(PASSWORD)) {
            assertThatThrownBy(() -> factory.open(plain, ADDRESS, wrong)).isInstanceOfSatisfying(MailStoreException.class,
                    e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.WRONG_CREDENTIALS));
            assertThatThrownBy(() -> factory.open(tls, ADDRESS, right)).isInstanceOfSatisfying(MailStoreException.class,
                    e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.UNAVAILABLE));
        }
    }

    @Override
    public boolean serverSortsAnyFromString() {
        return false; // GreenMail 2.1 drops the connection on SORT … FROM <not an address>
    }

    @Override
    public boolean serverFetchesNestedSections() {
        return false; // GreenMail 2.1 returns an empty BODY[3.1] for a part inside an attached message
    }

    @Override
    public MailStore store() {
        return store;
    }

    /**
     * The seeding connection, opened again if GreenMail dropped it: on a loaded machine it drops this idle connection
     * while {@code aTwentyMegabyteMessageIsStreamed} runs for a minute, and every test after it failed to seed.
     */
    @Override
    public Store seeder() {
        try {
            if (!seeder.isConnected()) seeder = mail.imap(ADDRESS, PASSWORD);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return seeder;
    }

    @Override
    public String address() {
        return ADDRESS;
    }

    @Override
    public String root() {
        return "";
    }
}
