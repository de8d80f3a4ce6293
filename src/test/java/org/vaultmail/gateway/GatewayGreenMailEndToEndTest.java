package org.vaultmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.gateway.webhooks.WebhookReceiver;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.vault.DataKeyRotated;
import org.vaultmail.vault.KeyManagement;
import org.vaultmail.vault.RewrapFinished;
import org.vaultmail.vault.RewrapOptions;
import tools.jackson.databind.JsonNode;

/**
 * Cross-feature paths of the sending gateway on H2 with GreenMail (SMTP AUTH and IMAP checked against its users), the
 * real beans of every part (mailboxes, keys, outbox API, delivery worker on a 300 ms poll, webhooks to a loopback
 * receiver, notifications through GreenMail) and the system clock.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "vaultmail.metrics.token=" + GatewayGreenMailEndToEndTest.SCRAPE_TOKEN)
@ExtendWith(OutputCaptureExtension.class)
class GatewayGreenMailEndToEndTest {

    static final String SCRAPE_TOKEN = "scrape-token-gateway-e2e-41c";
    static final GreenMailFixture MAIL = AuthAppTestSupport.MAIL;
    static final WebhookReceiver RECEIVER = WebhookReceiver.start();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    KeyManagement keys;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        AuthAppTestSupport.appProperties(registry);
        ApiTestApp.register(registry, "vaultmail-gateway-greenmail-e2e-");
        registry.add("vaultmail.notifications.smtp.host", () -> "127.0.0.1");
        registry.add("vaultmail.notifications.smtp.port", () -> Integer.toString(MAIL.smtpPort()));
        registry.add("vaultmail.notifications.smtp.security", () -> "plain");
        registry.add("vaultmail.notifications.from", () -> "no-reply@example.test");
        registry.add("vaultmail.gateway.outbox.worker-enabled", () -> "true");
        registry.add("vaultmail.gateway.outbox.poll-interval", () -> "300ms");
        registry.add("vaultmail.gateway.outbox.send-per-minute", () -> "100000");
        registry.add("vaultmail.gateway.outbox.send-per-day", () -> "1000000");
        registry.add("vaultmail.gateway.api-keys.requests-per-minute", () -> "100000");
        registry.add("vaultmail.gateway.api-keys.require-second-factor", () -> "false");
        registry.add("vaultmail.gateway.webhooks.allowed-internal[0]", () -> "127.0.0.1:" + RECEIVER.port());
        // retire waits for other nodes to notice a rotation (3 keyset polls by default); one node here
        registry.add("vaultmail.vault.retire-settle-ms", () -> "1000");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    // ---- needs_reauth ---------------------------------------------------------------------------------------------

    @Test
    void aChangedServerPasswordHoldsQueuedMailTellsTheOwnerOnceAndTheNewPasswordDeliversEachMessageOnce() throws Exception {
        GatewayApi api = new GatewayApi(port);
        String password = "reauth-old-" + UUID.randomUUID();
        String owner = AuthAppTestSupport.newUser(password);
        String recipient = AuthAppTestSupport.newUser("recipient-pw");
        String session = api.signIn(owner, password);
        long mailbox = api.connectOwnMailbox(session, password);
        String key = api.createKey(session, "reauth", "send", "outbox:read");
        String secret = api.webhook(session, RECEIVER.url("/reauth"), "message.held", "mailbox.needs_reauth", "message.sent")
                .get("secret").asString();

        String changed = "reauth-new-" + UUID.randomUUID();
        MAIL.greenMail().getUserManager().getUserByEmail(owner).setPassword(changed);
        List<JsonNode> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accepted.add(api.accepted(key, GatewayApi.message(owner, recipient, "held " + i, Map.of())));
        }
        for (JsonNode m : accepted) api.awaitStatus(key, m.get("id").asString(), "held", Duration.ofSeconds(30));

        Await.until("one notification mail", Duration.ofSeconds(15), () -> notificationsTo(owner) == 1);
        Await.until("webhooks: one needs_reauth, three held", Duration.ofSeconds(15), () ->
                GatewayApi.ofType(RECEIVER, "/reauth", "mailbox.needs_reauth").size() == 1
                        && GatewayApi.ofType(RECEIVER, "/reauth", "message.held").size() == 3);
        Thread.sleep(1500); // several polls of the worker: nothing more is said
        assertThat(notificationsTo(owner)).as("the owner is told once").isEqualTo(1);
        List<WebhookReceiver.Received> reauth = GatewayApi.ofType(RECEIVER, "/reauth", "mailbox.needs_reauth");
        assertThat(reauth).hasSize(1);
        assertThat(GatewayApi.JSON.readTree(reauth.getFirst().body()).get("data").get("mailbox").asLong()).isEqualTo(mailbox);
        assertThat(GatewayApi.ofType(RECEIVER, "/reauth", "message.held")).hasSize(3)
                .allSatisfy(r -> assertThat(GatewayApi.verifies(secret, r)).isTrue());
        assertThat(accepted).allSatisfy(m -> assertThat(receivedBy(recipient, m.get("messageId").asString())).isZero());

        Reply wrong = api.http.send("PUT", "/api/v1/mailboxes/" + mailbox + "/password", HttpCalls.json("password", password),
                "Authorization", session);
        assertThat(wrong.status()).as("the old password is refused by the server").isEqualTo(422);
        Reply released = api.http.send("PUT", "/api/v1/mailboxes/" + mailbox + "/password", HttpCalls.json("password", changed),
                "Authorization", session);
        assertThat(released.status()).as(released.body()).isEqualTo(200);

        for (JsonNode m : accepted) api.awaitStatus(key, m.get("id").asString(), "sent", Duration.ofSeconds(30));
        Thread.sleep(1500); // several polls of the worker: a second delivery would show now
        for (JsonNode m : accepted) {
            assertThat(receivedBy(recipient, m.get("messageId").asString())).as("delivered exactly once").isEqualTo(1);
        }
        assertThat(GatewayApi.ofType(RECEIVER, "/reauth", "message.sent")).hasSize(3);
        assertThat(notificationsTo(owner)).isEqualTo(1);
    }

    // ---- keys rotate + rewrap under load ----------------------------------------------------------------------------

    @Test
    void keysRotateAndRewrapWhileTheApiSendsContinuouslyLoseNoRequestAndEverySealedRowStaysReadable() throws Exception {
        GatewayApi api = new GatewayApi(port);
        String password = "rotate-pw-" + UUID.randomUUID();
        String owner = AuthAppTestSupport.newUser(password);
        String recipient = AuthAppTestSupport.newUser("rotate-recipient-pw");
        String session = api.signIn(owner, password);
        api.connectOwnMailbox(session, password);
        String key = api.createKey(session, "rotate", "send", "outbox:read");
        String secret = api.webhook(session, RECEIVER.url("/rotate"), "message.sent").get("secret").asString();

        AtomicBoolean running = new AtomicBoolean(true);
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            futures.add(clients.submit(() -> {
                HttpCalls http = new HttpCalls(port);
                for (int i = 0; running.get(); i++) {
                    Reply r = http.send("POST", "/api/v1/outbox", GatewayApi.message(owner, recipient, "load " + thread + "/" + i, Map.of()),
                            "Authorization", "Bearer " + key);
                    statuses.add(r.status());
                    if (r.status() == 202) ids.add(r.json().get("id").asString());
                    sleep(100); // a steady stream of requests, not a flood
                }
                return null;
            }));
        }
        Thread.sleep(4000); // sends under the old key first
        DataKeyRotated rotated = keys.rotate();
        Thread.sleep(2000); // sends under the new key while old rows remain
        RewrapFinished during = keys.rewrap(new RewrapOptions(100, 0), p -> { });
        Thread.sleep(5000); // sends continue after the rewrap
        running.set(false);
        for (Future<?> f : futures) f.get();
        clients.shutdown();

        System.out.printf("rotate+rewrap under load: %d requests, %d accepted, rewrap during: %d rewrapped %d skipped %d failed%n",
                statuses.size(), ids.size(), during.rewrapped(), during.skipped(), during.failed());
        assertThat(statuses).as("requests made").hasSizeGreaterThan(100);
        assertThat(statuses).as("every answer 202").containsOnly(202);
        assertThat(during.failed()).isZero();
        Thread.sleep(1100); // the retire rule's settle time (1 s here)
        RewrapFinished after = keys.rewrap(new RewrapOptions(100, 0), p -> { });
        assertThat(after.failed()).isZero();
        assertThat(keys.retire(rotated.previousPrimaryKeyId()).keyId()).isEqualTo(rotated.previousPrimaryKeyId());

        // with the old key gone: outbox rows, the mailbox's credentials and the webhook secret all still open
        Await.until("every message sent", Duration.ofSeconds(120), () -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_messages WHERE status = 'sent' AND id IN (:ids)").param("ids", ids)
                .query(Long.class).single() == ids.size());
        JsonNode last = api.accepted(key, GatewayApi.message(owner, recipient, "after retire", Map.of()));
        api.awaitStatus(key, last.get("id").asString(), "sent", Duration.ofSeconds(30));
        Await.until("message.sent for every message", Duration.ofSeconds(60), () ->
                GatewayApi.ofType(RECEIVER, "/rotate", "message.sent").size() >= ids.size() + 1);
        List<WebhookReceiver.Received> hooks = GatewayApi.ofType(RECEIVER, "/rotate", "message.sent");
        assertThat(hooks).allSatisfy(r -> assertThat(GatewayApi.verifies(secret, r)).isTrue());
        assertThat(receivedBy(recipient, last.get("messageId").asString())).isEqualTo(1);
    }

    // ---- canary and scope matrix -------------------------------------------------------------------------------------

    @Test
    void theMailboxPasswordTheApiKeyAndTheWebhookSecretAppearNowhereButInTheirCreationAnswers(CapturedOutput output) throws Exception {
        GatewayApi api = new GatewayApi(port);
        String mailboxPassword = "Canary-Mailbox-Pw-" + UUID.randomUUID();
        String owner = AuthAppTestSupport.newUser(mailboxPassword);
        String sharedPassword = "Canary-Shared-Pw-" + UUID.randomUUID();
        String shared = AuthAppTestSupport.newUser(sharedPassword);
        String recipient = AuthAppTestSupport.newUser("canary-recipient-pw");
        String session = api.signIn(owner, mailboxPassword);
        long own = api.connectOwnMailbox(session, mailboxPassword);
        Reply sharedConnected = api.http.send("POST", "/api/v1/mailboxes", HttpCalls.json("address", shared, "password", sharedPassword),
                "Authorization", session);
        assertThat(sharedConnected.status()).as(sharedConnected.body()).isEqualTo(201);

        JsonNode created = api.createKey(session, "canary", List.of("send", "outbox:read"), List.of(own), null);
        String apiKey = created.get("key").asString();
        JsonNode hook = api.webhook(session, RECEIVER.url("/canary"), "message.sent", "apikey.created", "apikey.revoked",
                "mailbox.connected");
        String webhookSecret = hook.get("secret").asString();
        String createdKeyBody = created.toString();

        // the scope matrix, with real keys
        String readOnly = api.createKey(session, "read only", "outbox:read");
        assertThat(api.send(readOnly, GatewayApi.message(owner, recipient, "no scope", Map.of())).status()).isEqualTo(403);
        assertThat(api.send(apiKey, GatewayApi.message(shared, recipient, "other mailbox", Map.of())).status()).isEqualTo(403);
        JsonNode toRevoke = api.createKey(session, "revoked", List.of("send"), null, null);
        assertThat(api.http.send("DELETE", "/api/v1/api-keys/" + toRevoke.get("id").asLong(), null, "Authorization", session).status())
                .isEqualTo(204);
        assertThat(api.send(toRevoke.get("key").asString(), GatewayApi.message(owner, recipient, "revoked", Map.of())).status())
                .isEqualTo(401);
        String expiring = api.createKey(session, "expiring", List.of("send"), null, Instant.now().plusSeconds(2).toString())
                .get("key").asString();
        Thread.sleep(2500); // past the key's expiry (2 s)
        assertThat(api.send(expiring, GatewayApi.message(owner, recipient, "expired", Map.of())).status()).isEqualTo(401);

        // the happy path, so that every part has handled the three secrets
        JsonNode sent = api.accepted(apiKey, GatewayApi.message(owner, recipient, "canary", Map.of("a.txt", "hello".getBytes())));
        api.awaitStatus(apiKey, sent.get("id").asString(), "sent", Duration.ofSeconds(30));
        assertThat(api.http.get("/api/v1/outbox?status=sent", "Authorization", "Bearer " + apiKey).status()).isEqualTo(200);
        assertThat(api.http.get("/api/v1/api-keys", "Authorization", session).status()).isEqualTo(200);
        assertThat(api.http.get("/api/v1/mailboxes", "Authorization", session).status()).isEqualTo(200);
        assertThat(api.http.get("/api/v1/webhooks", "Authorization", session).status()).isEqualTo(200);
        Await.until("message.sent delivered", Duration.ofSeconds(20), () -> !GatewayApi.ofType(RECEIVER, "/canary", "message.sent").isEmpty());

        List<String> canaries = canaries(mailboxPassword, sharedPassword, apiKey, webhookSecret);
        List<String> places = new ArrayList<>();
        for (Reply r : api.http.seen()) {
            String text = r.headers() + r.body();
            boolean creation = r.body().equals(createdKeyBody) || r.body().equals(hook.toString());
            if (!creation) places.add("response " + r.status() + ": " + text);
        }
        places.add("database: " + DatabaseDump.of(dataSource));
        places.add("H2 SCRIPT: " + String.join("\n", jdbc.sql("SCRIPT").query(String.class).list()));
        places.add("audit: " + jdbc.sql("SELECT * FROM audit_entry").query().listOfRows());
        places.add("event publications: " + jdbc.sql("SELECT * FROM event_publication").query().listOfRows());
        for (WebhookReceiver.Received r : RECEIVER.at("/canary")) places.add("webhook: " + r.headers() + r.body());
        Reply scrape = api.http.get("/actuator/prometheus", "Authorization", "Bearer " + SCRAPE_TOKEN);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("vaultmail_");
        places.add("metrics: " + scrape.body());
        places.add("logs: " + output.getAll());

        for (String place : places) {
            for (String canary : canaries) {
                assertThat(place).as("a secret in " + place.substring(0, Math.min(60, place.length()))).doesNotContain(canary);
            }
        }
        assertThat(createdKeyBody).contains(apiKey);
        assertThat(hook.toString()).contains(webhookSecret);
    }

    /** Each secret as given, and the forms a careless log or column would hold (the key without prefix, the secret's base64). */
    private static List<String> canaries(String mailboxPassword, String sharedPassword, String apiKey, String webhookSecret) {
        String keyBody = apiKey.substring("vmk_".length());
        String secretBase64 = webhookSecret.substring("whsec_".length());
        return List.of(mailboxPassword, sharedPassword, apiKey, keyBody, webhookSecret, secretBase64,
                Base64.getEncoder().encodeToString(mailboxPassword.getBytes()));
    }

    private static long notificationsTo(String address) {
        return Arrays.stream(MAIL.greenMail().getReceivedMessagesForDomain(address))
                .filter(m -> subject(m).contains("connected mailbox")).count();
    }

    private static long receivedBy(String address, String messageId) {
        return GatewayApi.receivedAt(MAIL, address, messageId);
    }

    private static String subject(MimeMessage m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (MessagingException e) {
            return "";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms); // each caller says why it lets the time pass
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
