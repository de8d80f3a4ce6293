package org.vaultmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.gateway.webhooks.WebhookPolls;
import org.vaultmail.gateway.webhooks.WebhookReceiver;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.TwoWebNodes;
import tools.jackson.databind.JsonNode;

/**
 * The whole path on two nodes sharing one PostgreSQL schema, both running the delivery worker and polling webhooks:
 * the mailbox, key and webhook are set up on node A, the key sends on node B; every message is delivered once (at
 * GreenMail, by Message-ID) and the receiver gets one signed {@code message.sent} per message although both nodes
 * deliver webhooks.
 */
@Tag("postgres")
class GatewayTwoNodesPostgresTest {

    static final GreenMailFixture MAIL = AuthAppTestSupport.MAIL;
    static final int MESSAGES = 12;

    TwoWebNodes nodes;
    WebhookReceiver receiver;

    @AfterEach
    void stop() {
        if (nodes != null) nodes.close();
        if (receiver != null) receiver.close();
    }

    @Test
    void aKeyCreatedOnNodeASendsOnNodeBAndEachMessageAndWebhookIsDeliveredOnce() throws Exception {
        receiver = WebhookReceiver.start();
        List<String> args = new ArrayList<>(List.of("--vaultmail.auth.throttle.requests-per-minute=0",
                "--vaultmail.auth.throttle.client-failures=1000000",
                "--vaultmail.gateway.outbox.worker-enabled=true", "--vaultmail.gateway.outbox.poll-interval=200ms",
                "--vaultmail.gateway.outbox.send-per-minute=10000", "--vaultmail.gateway.api-keys.require-second-factor=false",
                "--vaultmail.gateway.webhooks.allowed-internal[0]=127.0.0.1:" + receiver.port()));
        MAIL.domainProperties(0, "example.test").forEach((k, v) -> args.add("--" + k + "=" + v));
        nodes = TwoWebNodes.start("vaultmail-gateway-two-nodes-", args);
        GatewayApi a = new GatewayApi(TwoWebNodes.port(nodes.nodeA));
        GatewayApi b = new GatewayApi(TwoWebNodes.port(nodes.nodeB));

        String password = "two-nodes-" + UUID.randomUUID();
        String owner = AuthAppTestSupport.newUser(password);
        String recipient = AuthAppTestSupport.newUser("two-nodes-recipient");
        String session = a.signIn(owner, password);
        a.connectOwnMailbox(session, password);
        String key = a.createKey(session, "two nodes", "send", "outbox:read");
        String secret = a.webhook(session, receiver.url("/nodes"), "message.sent").get("secret").asString();

        AtomicBoolean polling = new AtomicBoolean(true);
        List<Thread> webhookPolls = new ArrayList<>(); // each node's webhook poll, racing the other for the same rows
        for (var node : List.of(nodes.nodeA, nodes.nodeB)) {
            webhookPolls.add(Thread.ofPlatform().start(() -> {
                while (polling.get()) {
                    try {
                        WebhookPolls.deliverDue(node);
                        Thread.sleep(20); // the poller's interval: this loop does the work, it waits for nothing
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // a poll that failed is retried by the next one, as the scheduled poll would
                    }
                }
            }));
        }
        try {
            List<JsonNode> accepted = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) accepted.add(b.accepted(key, GatewayApi.message(owner, recipient, "node " + i, Map.of())));
            for (JsonNode m : accepted) a.awaitStatus(key, m.get("id").asString(), "sent", Duration.ofSeconds(60));
            Await.until("a message.sent per message", Duration.ofSeconds(30), () ->
                    GatewayApi.ofType(receiver, "/nodes", "message.sent").size() >= MESSAGES);
            Thread.sleep(1500); // both nodes keep polling: a second delivery would show now

            for (JsonNode m : accepted) {
                assertThat(receivedBy(recipient, m.get("messageId").asString())).as("delivered once").isEqualTo(1);
            }
            List<WebhookReceiver.Received> hooks = GatewayApi.ofType(receiver, "/nodes", "message.sent");
            assertThat(hooks).hasSize(MESSAGES).allSatisfy(r -> assertThat(GatewayApi.verifies(secret, r)).isTrue());
            assertThat(hooks.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(MESSAGES);
            JdbcTemplate jdbc = nodes.nodeB.getBean(JdbcTemplate.class);
            Map<String, Long> byNode = jdbc.queryForList("SELECT lease_owner FROM outbox_messages", String.class).stream()
                    .collect(Collectors.groupingBy(String::valueOf, Collectors.counting()));
            System.out.println("two nodes: messages delivered by node " + byNode);
        } finally {
            polling.set(false);
            for (Thread t : webhookPolls) t.join();
        }
    }

    private static long receivedBy(String address, String messageId) {
        return GatewayApi.receivedAt(MAIL, address, messageId);
    }
}
