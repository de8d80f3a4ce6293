package org.vaultmail.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.session.Users;
import org.vaultmail.gateway.apikeys.TrustedApiKeyIssuer;
import org.vaultmail.testing.Await;

/**
 * {@code ./vaultmail demo} shows the sending gateway without any setup: alice's mailbox is connected, her API key is
 * in {@code <data-dir>/demo-api-key} (0600, nowhere in the output), and the curl command the banner prints is
 * answered 202 and delivers to bob exactly once. A second start on the same data directory keeps everything (one
 * connected mailbox, the same key) and works again. Each start is a whole app on its own random ports.
 */
@Tag("e2e")
@ExtendWith(OutputCaptureExtension.class)
class DemoGatewayTest {

    private static final Pattern CURL = Pattern.compile(
            "(?m)^curl -s -H \"Authorization: Bearer \\$\\(cat (\\S+)\\)\" -H 'Content-Type: application/json' -d '([^']+)' (http://\\S+/api/v1/outbox)$");

    @Test
    void theBannersCurlCommandSendsFromAliceToBobAndASecondStartKeepsEverything(@TempDir Path dataDir, CapturedOutput output)
            throws Exception {
        Path keyFile = dataDir.resolve("demo-api-key");
        String firstKey;
        try (ConfigurableApplicationContext demo = start(dataDir)) {
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            firstKey = Files.readString(keyFile).strip();
            assertThat(firstKey).startsWith("vmk_");
            assertThat(demo.getBean(TrustedApiKeyIssuer.class).usable(firstKey, aliceId(demo), DemoGateway.KEY_SCOPES)).isTrue();
            assertThat(connectedMailboxesOfAlice(demo)).isEqualTo(1);

            sendAsPrintedAndCheckBobGetsItOnce(demo, output.getOut(), keyFile);
        }

        try (ConfigurableApplicationContext again = start(dataDir)) {
            assertThat(Files.readString(keyFile).strip()).as("a key that still works is kept").isEqualTo(firstKey);
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(connectedMailboxesOfAlice(again)).isEqualTo(1);
            assertThat(JdbcClient.create(again.getBean(javax.sql.DataSource.class))
                    .sql("SELECT COUNT(*) FROM api_keys WHERE user_id = ?").param(aliceId(again)).query(Long.class).single())
                    .isEqualTo(1);
            JdbcClient db = JdbcClient.create(again.getBean(javax.sql.DataSource.class));
            assertThat(db.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'gateway.mailbox.connected'").query(Long.class).single())
                    .as("connected once, not again at the restart").isEqualTo(1);
            assertThat(db.sql("SELECT actor_type, details FROM audit_entry WHERE action = 'gateway.apikey.created'")
                    .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list())
                    .singleElement().asString().containsIgnoringCase("system").contains("\"via\":\"demo\"")
                    .contains(firstKey.substring(0, 10)).doesNotContain(firstKey);
            String secondBanner = output.getOut().substring(output.getOut().lastIndexOf("Vaultmail DEMO is running"));
            sendAsPrintedAndCheckBobGetsItOnce(again, secondBanner, keyFile);

            // a key that no longer works (here: not a key at all) is replaced by a new one at the next set-up
            Files.writeString(keyFile, "vmk_not-a-key\n");
            again.getBean(DemoGateway.class).setUp();
            String replaced = Files.readString(keyFile).strip();
            assertThat(replaced).isNotEqualTo(firstKey).startsWith("vmk_");
            assertThat(again.getBean(TrustedApiKeyIssuer.class).usable(replaced, aliceId(again), DemoGateway.KEY_SCOPES)).isTrue();
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(output.getAll()).doesNotContain(replaced);
        }
        assertThat(output.getAll()).as("keys never in logs or on the console").doesNotContain(firstKey)
                .doesNotContain(firstKey.substring(10)).contains("Sending API");
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(VaultmailApplication.class).profiles("demo").run(
                "--server.port=0", "--vaultmail.demo.imap-port=0", "--vaultmail.demo.smtp-port=0",
                "--vaultmail.data-dir=" + dataDir);
    }

    private static long aliceId(ConfigurableApplicationContext demo) {
        return demo.getBean(Users.class).idOf(DemoMailSeeder.ALICE).orElseThrow();
    }

    private static long connectedMailboxesOfAlice(ConfigurableApplicationContext demo) {
        return JdbcClient.create(demo.getBean(javax.sql.DataSource.class))
                .sql("SELECT COUNT(*) FROM connected_mailboxes WHERE user_id = ? AND address = ? AND state = 'connected'")
                .params(aliceId(demo), DemoMailSeeder.ALICE).query(Long.class).single();
    }

    /** Runs what the banner's curl line does: the key read from the file it names, the body and URL as printed. */
    private static void sendAsPrintedAndCheckBobGetsItOnce(ConfigurableApplicationContext demo, String banner, Path keyFile)
            throws Exception {
        Matcher curl = CURL.matcher(banner);
        assertThat(curl.find()).as("a ready-to-paste curl line in the banner:\n%s", banner).isTrue();
        assertThat(Path.of(curl.group(1))).isEqualTo(keyFile);
        String port = demo.getEnvironment().getProperty("local.server.port");
        assertThat(curl.group(3)).isEqualTo("http://127.0.0.1:" + port + "/api/v1/outbox");
        String key = Files.readString(Path.of(curl.group(1))).strip();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(curl.group(3)))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(curl.group(2), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"?([^\",}]+)").matcher(accepted.body());
        assertThat(id.find()).isTrue();

        String status = Await.until("the message sent", Duration.ofSeconds(30), () -> {
            HttpResponse<String> followed = http.send(HttpRequest.newBuilder(URI.create(curl.group(3) + "/" + id.group(1)))
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(followed.statusCode()).isEqualTo(200);
            Matcher s = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"").matcher(followed.body());
            return s.find() ? s.group(1) : "";
        }, "sent"::equals);
        assertThat(status).isEqualTo("sent");

        DemoMailServer mail = demo.getBean(DemoMailServer.class);
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect(DemoMailServer.HOST, mail.imapPort(), DemoMailSeeder.BOB, DemoMailSeeder.BOB_PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int copies = 0;
            for (Message m : inbox.getMessages()) {
                if ("Hello from the API".equals(m.getSubject())) {
                    copies++;
                    assertThat(m.getFrom()[0].toString()).contains(DemoMailSeeder.ALICE);
                }
            }
            assertThat(copies).as("bob receives it exactly once").isEqualTo(1);
        }
        Thread.sleep(Duration.ofMillis(500)); // nothing more arrives late
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect(DemoMailServer.HOST, mail.imapPort(), DemoMailSeeder.BOB, DemoMailSeeder.BOB_PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            long copies = java.util.Arrays.stream(inbox.getMessages()).filter(m -> {
                try {
                    return "Hello from the API".equals(m.getSubject());
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).count();
            assertThat(copies).isEqualTo(1);
        }
    }
}
