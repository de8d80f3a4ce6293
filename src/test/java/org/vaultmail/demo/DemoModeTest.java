package org.vaultmail.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.auth.users.UserChangedByOperator;
import org.vaultmail.notify.Notifications;
import org.vaultmail.testing.DemoAppTest;
import org.vaultmail.testing.Await;

/** The app started in demo mode serves alice's demo mail through the demo.test domain mapping. */
@DemoAppTest
class DemoModeTest {

    @Autowired
    MailServerDirectory directory;

    @Autowired
    DemoMailServer mailServer;

    @BeforeEach
    void waitForTheDemoMail() {
        mailServer.awaitSeeded(Duration.ofMinutes(1));
    }

    @Test
    void demoDomainPointsAtTheDemoMailServerOnLoopback() {
        MailServers servers = directory.forAddress(DemoMailSeeder.ALICE).orElseThrow();
        assertThat(servers.imap().host()).isEqualTo("127.0.0.1");
        assertThat(servers.imap().port()).isEqualTo(mailServer.imapPort()).isNotEqualTo(3143);
        assertThat(servers.imap().security()).isEqualTo(Security.PLAIN);
        assertThat(servers.smtp().port()).isEqualTo(mailServer.smtpPort());
    }

    @Test
    void notificationMailGoesThroughTheDemoServerIntoTheUsersInbox(@Autowired Notifications notifications,
            @Autowired ApplicationEventPublisher events, @Autowired TransactionTemplate tx) throws Exception {
        assertThat(notifications.configured()).isTrue();
        tx.executeWithoutResult(s -> events.publishEvent(new UserChangedByOperator(UUID.randomUUID(), 99, DemoMailSeeder.BOB,
                UserChangedByOperator.Change.SESSIONS_ENDED, "demo-operator", "127.0.0.1", Instant.now())));
        MailServers.Endpoint imap = directory.forAddress(DemoMailSeeder.BOB).orElseThrow().imap();
        Await.until("the notification in bob's inbox", Duration.ofSeconds(20), () -> {
            try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
                store.connect(imap.host(), imap.port(), DemoMailSeeder.BOB, DemoMailSeeder.BOB_PASSWORD);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                for (Message m : inbox.getMessages()) {
                    if ("You were signed out of your account everywhere".equals(m.getSubject())) {
                        assertThat(m.getFrom()[0].toString()).isEqualTo("Vaultmail demo <vaultmail@demo.test>");
                        m.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
                        inbox.close(true); // bob's seeded mail stays as the other tests expect it
                        return true;
                    }
                }
                inbox.close(false);
                return false;
            }
        });
    }

    @Test
    void aliceSignsInOverImapAndSeesHerSeededFolders() throws MessagingException {
        MailServers.Endpoint imap = directory.forAddress(DemoMailSeeder.ALICE).orElseThrow().imap();
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect(imap.host(), imap.port(), DemoMailSeeder.ALICE, DemoMailSeeder.ALICE_PASSWORD);
            char separator = store.getDefaultFolder().getSeparator();
            int total = 0;
            List<String> names = new ArrayList<>();
            for (Folder folder : store.getDefaultFolder().list("*")) {
                names.add(folder.getFullName());
                total += folder.getMessageCount();
            }
            assertThat(names).contains("INBOX", "Sent", "Drafts", "Archive", "Projects" + separator + "Vaultmail");
            assertThat(total).isBetween(180, 220);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message m : inbox.getMessages()) subjects.add(m.getSubject());
            assertThat(subjects).contains("Übergabe der Schlüssel – Grüße aus München", "Réunion d'équipe : ordre du jour",
                    "新しいプロジェクトについて", "Pizza 🍕 on Friday?");
        }
    }

    @Test
    void bannerNamesTheUrlTheAccountsAndTheMailPorts(@Autowired DemoBanner banner, @Autowired Environment env) {
        String text = banner.text(env);
        assertThat(text).contains("http://127.0.0.1:" + env.getProperty("local.server.port"))
                .contains("alice@demo.test", "password: alice", "bob@demo.test", "password: bob")
                .contains("IMAP " + mailServer.imapPort(), "SMTP " + mailServer.smtpPort())
                .contains("demo data")
                .contains("Sending API", "demo-api-key", "Authorization: Bearer $(cat ",
                        "http://127.0.0.1:" + env.getProperty("local.server.port") + "/api/v1/outbox", "/api/v1/outbox/ID",
                        "Sent folder", "Settings → Sending API", "second factor")
                .doesNotContain("vmk_");
    }

    @Test
    void bobHasAFewMessages() throws MessagingException {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", mailServer.imapPort(), DemoMailSeeder.BOB, DemoMailSeeder.BOB_PASSWORD);
            assertThat(store.getFolder("INBOX").getMessageCount()).isEqualTo(5);
        }
    }

    @Test
    void aSecondDemoOnTheSamePortFailsWithAClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            assertThatThrownBy(() -> new DemoMailServer(new DemoProperties(taken.getLocalPort(), 0)))
                    .isInstanceOf(DemoPortInUseException.class)
                    .hasMessageContaining("IMAP on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }
}
