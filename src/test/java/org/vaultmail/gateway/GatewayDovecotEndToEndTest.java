package org.vaultmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.gateway.webhooks.WebhookReceiver;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DovecotFixture;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13's end-to-end test on the real mail server: bob signs in over the API, connects his own mailbox on the
 * shared Postfix/Dovecot, creates a key, registers a webhook to a loopback receiver, and sends to alice with two
 * attachments (JSON and multipart). The delivery worker (real beans, H2) sends through Postfix; alice's INBOX holds
 * each message once (by Message-ID) with byte-exact attachments, bob's Sent folder holds the copy, and the receiver
 * gets one {@code message.sent} per message whose signature the independent verifier accepts and whose payload names
 * the message and the reply code but carries neither body nor credential.
 */
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayDovecotEndToEndTest {

    static final WebhookReceiver RECEIVER = WebhookReceiver.start();

    @LocalServerPort
    int port;

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get();
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-gateway-e2e-");
        DovecotFixture.get().registerDomain(registry, 0);
        registry.add("vaultmail.gateway.outbox.worker-enabled", () -> "true");
        registry.add("vaultmail.gateway.outbox.poll-interval", () -> "300ms");
        registry.add("vaultmail.gateway.api-keys.require-second-factor", () -> "false");
        registry.add("vaultmail.gateway.webhooks.allowed-internal[0]", () -> "127.0.0.1:" + RECEIVER.port());
    }

    @Test
    void aMessageSentThroughTheApiArrivesOnceWithItsAttachmentsIsFiledInSentAndSignedWebhookFollows() throws Exception {
        GatewayApi api = new GatewayApi(port);
        String session = api.signIn(DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD);
        api.connectOwnMailbox(session, DovecotFixture.BOB_PASSWORD);
        String key = api.createKey(session, "e2e", "send", "outbox:read");
        JsonNode hook = api.webhook(session, RECEIVER.url("/e2e"), "message.sent");
        String secret = hook.get("secret").asString();

        Random random = new Random(13);
        byte[] pdf = new byte[40_000];
        random.nextBytes(pdf);
        byte[] csv = "id;amount\r\n1;12.50\r\n2;7,00 €\r\n".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("invoice.pdf", pdf);
        files.put("lines.csv", csv);

        JsonNode json = api.accepted(key, GatewayApi.message(DovecotFixture.BOB, DovecotFixture.ALICE, "E2E json", files));
        JsonNode multipart = api.acceptedMultipart(key, GatewayApi.message(DovecotFixture.BOB, DovecotFixture.ALICE,
                "E2E multipart", Map.of()), files);

        for (JsonNode accepted : List.of(json, multipart)) {
            String id = accepted.get("id").asString();
            String messageId = accepted.get("messageId").asString();
            JsonNode sent = api.awaitStatus(key, id, "sent", Duration.ofSeconds(60));
            assertThat(sent.get("messageId").asString()).isEqualTo(messageId);
            assertThat(sent.get("history").findValuesAsString("status")).contains("queued", "sent");

            Await.until("alice has " + messageId, Duration.ofSeconds(30), () -> inInbox(messageId) >= 1);
            Thread.sleep(500); // a second copy would follow the first closely
            try (Store alice = DovecotFixture.get().imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)) {
                List<MimeMessage> received = GatewayApi.find(alice, "INBOX", messageId);
                assertThat(received).as("received exactly once").hasSize(1);
                Map<String, byte[]> got = GatewayApi.attachments(received.getFirst());
                assertThat(got.keySet()).containsExactly("invoice.pdf", "lines.csv");
                assertThat(got.get("invoice.pdf")).isEqualTo(pdf);
                assertThat(got.get("lines.csv")).isEqualTo(csv);
            }
            try (Store bob = DovecotFixture.get().imaps(DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD)) {
                assertThat(GatewayApi.find(bob, "Sent", messageId)).as("a copy in bob's Sent folder").hasSize(1);
                GatewayApi.remove(bob, "Sent", messageId);
            }
            try (Store alice = DovecotFixture.get().imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)) {
                GatewayApi.remove(alice, "INBOX", messageId); // the seeded mailboxes stay as other tests count them
            }

            Await.until("message.sent for " + id, Duration.ofSeconds(20), () -> sentHooks(id).size() == 1);
            WebhookReceiver.Received delivery = sentHooks(id).getFirst();
            assertThat(GatewayApi.verifies(secret, delivery)).as("the independent verifier accepts the signature").isTrue();
            JsonNode data = GatewayApi.JSON.readTree(delivery.body()).get("data");
            assertThat(data.get("id").asString()).isEqualTo(id);
            assertThat(data.get("messageId").asString()).isEqualTo(messageId);
            assertThat(data.get("replyCode").asInt()).isEqualTo(250);
            assertThat(data.has("mailbox")).as("the mailbox's id").isTrue();
            assertThat(delivery.body()).doesNotContain("Sent through the gateway", DovecotFixture.BOB_PASSWORD,
                    DovecotFixture.ALICE, key, secret, java.util.Base64.getEncoder().encodeToString(csv));
        }
        Thread.sleep(1000); // more webhook polls: a second delivery would show now
        assertThat(GatewayApi.ofType(RECEIVER, "/e2e", "message.sent")).as("one delivery per message").hasSize(2);
    }

    private static List<WebhookReceiver.Received> sentHooks(String id) {
        return GatewayApi.ofType(RECEIVER, "/e2e", "message.sent").stream()
                .filter(r -> GatewayApi.JSON.readTree(r.body()).get("data").path("id").asString().equals(id)).toList();
    }

    private static int inInbox(String messageId) {
        try (Store alice = DovecotFixture.get().imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)) {
            return GatewayApi.find(alice, "INBOX", messageId).size();
        } catch (Exception e) {
            return -1;
        }
    }
}
