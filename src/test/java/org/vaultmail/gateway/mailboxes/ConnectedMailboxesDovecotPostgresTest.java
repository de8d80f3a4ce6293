package org.vaultmail.gateway.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.TestDatabase;

/**
 * End to end on the real things: PostgreSQL, Postfix submission (AUTH through Dovecot SASL) and Dovecot IMAPS with the
 * operator's trust store. Connect bob's own mailbox over the API (the test logs in to both servers), send through it
 * with {@link ConnectedMailboxes#withSmtp}, find the message once in alice's INBOX by Message-ID; the needs_reauth
 * transition happens once on PostgreSQL too.
 */
@Tag("dovecot")
@Tag("postgres")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MailboxesTestSupport.Recorders.class)
class ConnectedMailboxesDovecotPostgresTest {

    static TestDatabase db;

    @LocalServerPort
    int port;
    @Autowired
    ConnectedMailboxes mailboxes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MailboxesTestSupport.GatewayEvents recorded;

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.POSTGRES, Files.createTempDirectory("vaultmail-mailboxes-pg-"));
        for (String arg : db.springArgs()) {
            String kv = arg.substring(2);
            int eq = kv.indexOf('=');
            registry.add(kv.substring(0, eq), () -> kv.substring(eq + 1));
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        DovecotFixture.get().registerDomain(registry, 0);
    }

    @AfterAll
    static void dropSchema() {
        if (db != null) db.close();
    }

    @Test
    void connectSendThroughTheConnectedMailboxAndNeedsReauthOnceOnPostgres() throws Exception {
        HttpCalls http = new HttpCalls(port);
        String token = "Bearer " + http.send("POST", "/api/v1/sessions",
                HttpCalls.json("address", DovecotFixture.BOB, "password", DovecotFixture.BOB_PASSWORD)).json().get("accessToken").asString();

        HttpCalls.Reply wrong = http.send("POST", "/api/v1/mailboxes", HttpCalls.json("password", "not-" + DovecotFixture.BOB_PASSWORD),
                "Authorization", token);
        assertThat(wrong.status()).isEqualTo(422);
        HttpCalls.Reply created = http.send("POST", "/api/v1/mailboxes", HttpCalls.json("password", DovecotFixture.BOB_PASSWORD),
                "Authorization", token);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();

        String messageId = "<" + UUID.randomUUID() + "@mailboxes.example.test>";
        mailboxes.withSmtp(id, transport -> {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                protected void updateMessageID() throws jakarta.mail.MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            m.setFrom(new InternetAddress(DovecotFixture.BOB));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(DovecotFixture.ALICE));
            m.setSubject("sent through a connected mailbox");
            m.setText("hello from the gateway");
            m.saveChanges();
            transport.sendMessage(m, m.getAllRecipients());
            return null;
        });
        Await.until("alice receives it", Duration.ofSeconds(20), () -> found(messageId) == 1);
        try (Store store = DovecotFixture.get().imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)) {
            // alice's seeded INBOX stays as other tests count it
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.search(new HeaderTerm("Message-ID", messageId))) m.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            inbox.close(true);
        }
        assertThat(mailboxes.<Boolean>withImap(id, store -> store.getFolder("INBOX").exists()).booleanValue()).isTrue();

        mailboxes.authenticationFailed(id);
        mailboxes.authenticationFailed(id);
        assertThat(mailboxes.byId(id).orElseThrow().state()).isEqualTo(MailboxState.NEEDS_REAUTH);
        assertThat(recorded.withAction("gateway.mailbox.needs_reauth", "mailbox:" + id)).hasSize(1);

        HttpCalls.Reply again = http.send("PUT", "/api/v1/mailboxes/" + id + "/password",
                HttpCalls.json("password", DovecotFixture.BOB_PASSWORD), "Authorization", token);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("state").asString()).isEqualTo("connected");
        assertThat(recorded.events).filteredOn(MailboxReauthenticated.class::isInstance).hasSize(1);

        assertThat(http.send("DELETE", "/api/v1/mailboxes/" + id, null, "Authorization", token).status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM connected_mailboxes").query(Long.class).single()).isZero();
    }

    private static int found(String messageId) {
        try (Store store = DovecotFixture.get().imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            return inbox.search(new HeaderTerm("Message-ID", messageId)).length;
        } catch (jakarta.mail.MessagingException e) {
            return -1;
        }
    }
}
