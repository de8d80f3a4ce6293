package org.vaultmail.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.Sort;
import org.vaultmail.mail.MailStore;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.ImapTranscript;
import org.vaultmail.vault.Secret;

/** A folder's sorted order is reused while it is unchanged, and recomputed when mail comes or goes. */
class AngusMailStoreCacheTest {

    static final String ADDRESS = "cache@example.test";
    static GreenMailFixture mail;
    static Store seeder;
    static ImapTranscript wire;
    static MailStore store;
    static final FolderPath INBOX = FolderPath.inbox('.');

    @BeforeAll
    static void start() throws MessagingException, java.io.IOException {
        mail = GreenMailFixture.start();
        mail.createUser(ADDRESS, "pw");
        mail.seed(ADDRESS, "INBOX", 12);
        seeder = mail.imap(ADDRESS, "pw");
        wire = new ImapTranscript(GreenMailFixture.HOST, mail.imapPort()); // the store's commands, as GreenMail receives them
        MailServers servers = new MailServers("example.test",
                new MailServers.Endpoint(GreenMailFixture.HOST, wire.port(), Security.PLAIN),
                new MailServers.Endpoint(GreenMailFixture.HOST, mail.smtpPort(), Security.PLAIN), Optional.empty());
        try (Secret pw = Secret.ofUtf8("pw")) {
            store = new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(10)).open(servers, ADDRESS, pw);
        }
    }

    @AfterAll
    static void stop() throws MessagingException {
        store.close();
        wire.close();
        seeder.close();
        mail.close();
    }

    @Test
    void unchangedFolderIsNotSortedAgainButNewMailAndFlagsAreSeen() throws MessagingException {
        int before = wire.commands("SORT");
        assertThat(store.list(INBOX, 0, 5, Sort.SUBJECT, false).total()).isEqualTo(12);
        assertThat(store.list(INBOX, 5, 5, Sort.SUBJECT, false).messages()).hasSize(5);
        assertThat(wire.commands("SORT")).isEqualTo(before + 1);

        long first = store.list(INBOX, 0, 1, Sort.SUBJECT, false).messages().getFirst().uid().uid();
        store.setFlags(INBOX, java.util.List.of(first), java.util.Set.of(MessageFlag.FLAGGED), true);
        assertThat(store.list(INBOX, 0, 1, Sort.SUBJECT, false).messages().getFirst().flags()).contains(MessageFlag.FLAGGED);
        assertThat(wire.commands("SORT")).as("flags do not change a sort key").isEqualTo(before + 1);

        mail.seed(ADDRESS, "INBOX", 1);
        assertThat(store.list(INBOX, 0, 5, Sort.SUBJECT, false).total()).isEqualTo(13);
        assertThat(wire.commands("SORT")).isEqualTo(before + 2);

        Folder inbox = seeder.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        inbox.getMessage(13).setFlag(Flags.Flag.DELETED, true);
        inbox.close(true);
        assertThat(store.list(INBOX, 0, 50, Sort.SUBJECT, false).total()).isEqualTo(12);
        assertThat(wire.commands("SORT")).isEqualTo(before + 3);
    }
}
