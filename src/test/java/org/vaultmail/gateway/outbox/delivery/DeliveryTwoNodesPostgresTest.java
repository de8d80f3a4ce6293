package org.vaultmail.gateway.outbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.gateway.outbox.OutboxStore;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.LoopbackSmtpServer;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/**
 * Two nodes on one PostgreSQL database work one queue; one stops in the middle; the other delivers everything and the
 * server receives each Message-ID exactly once (G11). The claims race for the same rows all the time (both nodes read
 * the same due rows), which is what the conditional UPDATE has to decide.
 */
class DeliveryTwoNodesPostgresTest {

    static final int MESSAGES = 40;

    @TempDir
    Path dir;
    TestDatabase db;
    ConfigurableApplicationContext nodeA;
    ConfigurableApplicationContext nodeB;
    LoopbackSmtpServer smtp;

    @AfterEach
    void stop() {
        if (nodeA != null) nodeA.close();
        if (nodeB != null) nodeB.close();
        if (db != null) db.close();
        if (smtp != null) smtp.close();
    }

    @Test
    void oneNodeStopsMidQueueTheOtherDeliversEverythingAndNothingTwice() {
        smtp = LoopbackSmtpServer.start("alice@example.org", "secret");
        smtp.delayRcpt(Duration.ofMillis(60));
        db = TestDatabase.create(TestDatabase.Kind.POSTGRES, dir);
        nodeA = VaultmailNode.start(db, args("node-a"), TestMailboxes.Config.class);
        nodeB = VaultmailNode.start(db, args("node-b"), TestMailboxes.Config.class);
        OutboxStore store = nodeA.getBean(OutboxStore.class);
        List<OutboxRows.Queued> queued = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            queued.add(OutboxRows.enqueue(store, TestMailboxes.MAILBOX, "alice@example.org", List.of("bob@example.net"),
                    "message " + i, Instant.now()));
        }

        Await.until("a few deliveries", Duration.ofSeconds(60), () -> smtp.received().size() >= 8);
        nodeA.close(); // mid-queue
        nodeA = null;
        JdbcTemplate jdbc = nodeB.getBean(JdbcTemplate.class);
        Await.until("every message sent", Duration.ofSeconds(120), () -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM outbox_messages WHERE status = 'sent'", Integer.class) == MESSAGES);

        for (OutboxRows.Queued m : queued) assertThat(smtp.count(m.messageId())).as(m.messageId()).isEqualTo(1);
        assertThat(smtp.received()).hasSize(MESSAGES);
        Map<String, Long> byNode = jdbc.queryForList("SELECT lease_owner FROM outbox_messages", String.class).stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        System.out.println("delivered by node: " + byNode);
        assertThat(byNode.get("node-a")).as("node A delivered some before it stopped").isPositive();
        assertThat(byNode.get("node-b")).as("node B delivered the rest").isPositive();
    }

    private List<String> args(String nodeId) {
        return List.of("--test.mailboxes.smtp-port=" + smtp.port(), "--vaultmail.gateway.outbox.worker-enabled=true",
                "--vaultmail.gateway.outbox.poll-interval=50ms", "--vaultmail.gateway.outbox.lease=5s",
                "--vaultmail.gateway.outbox.node-id=" + nodeId, "--vaultmail.gateway.outbox.send-per-minute=10000");
    }
}
