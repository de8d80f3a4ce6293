package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.Await;

/**
 * The console over the real jobs service and engine: an operator allows the second Dovecot server as a migration
 * source and starts a job from it ({@code mig-console-src}) into the main server ({@code mig-console-dst}); the node's
 * runner copies it; the job page's live fragment ends "finished" with the report; each step is audited with the
 * operator as actor, and neither password is on any page.
 */
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MigrationsConsoleDovecotTest extends ConsoleTestSupport {

    static final String SRC = "mig-console-src@example.test";
    static final String DST = "mig-console-dst@example.test";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-migrations-console-dovecot-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.migrate.enabled", () -> "true");
        registry.add("vaultmail.migrate.poll-interval", () -> "200ms");
        DovecotFixture.get().registerDomain(registry, 0);
    }

    MigrationsConsoleDovecotTest() {
        super("Migrations-Dovecot-Operator-Canary-2f6e");
    }

    @AfterAll
    static void emptyAccounts() throws Exception {
        for (int port : List.of(1143, 2143)) {
            for (String a : List.of(SRC, DST)) empty(port, a);
        }
    }

    @Test
    void anOperatorAllowsTheSecondServerAndCopiesAMailboxFromItIntoTheMainOne() throws Exception {
        for (int port : List.of(1143, 2143)) {
            for (String a : List.of(SRC, DST)) empty(port, a);
        }
        seed(2143, SRC, 3);
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));

        op.postAndFollow("/admin/migrations/sources", "/admin/migrations/sources",
                Map.of("name", "second", "host", "127.0.0.1", "port", "2143", "security", "plain", "trustStore", ""));
        awaitAudit("action = 'migration.source.saved' AND actor_type = 'operator' AND actor_id = ?", name);

        Map<String, String> form = new LinkedHashMap<>();
        form.put("sourceServer", "second");
        form.put("sourceLogin", SRC);
        form.put("sourcePassword", "mig-console-src-pass");
        form.put("destinationServer", "example.test");
        form.put("destinationLogin", DST);
        form.put("destinationPassword", "mig-console-dst-pass");
        form.put("mode", "copy");
        Reply posted = op.post("/admin/migrations", "/admin/migrations", form);
        assertThat(posted.status()).as(posted.body()).isEqualTo(302);
        String id = posted.header("Location").replaceFirst(".*/admin/migrations/", "");

        Reply live = Await.until("migration " + id + " finished", Duration.ofSeconds(60),
                () -> op.get("/admin/migrations/" + id + "/progress"), r -> r.body().contains("data-state=\"finished\""));
        assertThat(live.body()).contains("data-state=\"finished\"").doesNotContain("hx-get").contains("class=\"copied\">3<")
                .contains("The credentials are deleted.");
        assertThat(count(1143, DST)).isEqualTo(3);
        awaitAudit("action = 'migration.job.created' AND actor_type = 'operator' AND actor_id = ? AND target = ?", name, "migration:" + id);
        awaitAudit("action = 'migration.job.finished' AND target = ?", "migration:" + id);
        for (Reply r : op.http.seen()) {
            assertThat(r.body()).doesNotContain("mig-console-src-pass").doesNotContain("mig-console-dst-pass");
        }
    }

    private static Store connect(int port, String address) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "15000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", port, address, address.substring(0, address.indexOf('@')) + "-pass");
        return store;
    }

    private static void seed(int port, String address, int n) throws Exception {
        try (Store store = connect(port, address)) {
            Message[] messages = new Message[n];
            for (int i = 0; i < n; i++) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
                m.setFrom(new InternetAddress("seed@example.test"));
                m.setSubject("console migration " + i);
                m.setText("message " + i + "\r\n");
                m.saveChanges();
                messages[i] = m;
            }
            store.getFolder("INBOX").appendMessages(messages);
        }
    }

    private static int count(int port, String address) throws Exception {
        try (Store store = connect(port, address)) {
            return store.getFolder("INBOX").getMessageCount();
        }
    }

    private static void empty(int port, String address) throws Exception {
        try (Store store = connect(port, address)) {
            for (Folder f : store.getDefaultFolder().list("*")) {
                if (!f.getFullName().equalsIgnoreCase("INBOX") && f.exists()) f.delete(true);
            }
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] all = inbox.getMessages();
            if (all.length > 0) inbox.setFlags(all, new Flags(Flags.Flag.DELETED), true);
            inbox.close(true);
        }
    }
}
