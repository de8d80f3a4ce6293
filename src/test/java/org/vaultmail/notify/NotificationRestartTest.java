package org.vaultmail.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.users.UserChangedByOperator;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/**
 * A notification survives the node: queued while the notification server is down and delivered by the
 * next node; an event whose queuing failed is published again on restart; and one that keeps failing is
 * given up after max-attempts with an audit entry. On H2.
 */
class NotificationRestartTest {

    @TempDir
    Path dataDir;

    TestDatabase db;
    final int smtpPort = freePort();
    final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    GreenMail smtp;

    @BeforeEach
    void createDatabase() {
        db = TestDatabase.create(TestDatabase.Kind.H2, dataDir);
    }

    @AfterEach
    void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (smtp != null) smtp.stop();
        db.close();
    }

    ConfigurableApplicationContext node(boolean polling, int maxAttempts) {
        var node = VaultmailNode.start(db, List.of(
                "--vaultmail.scheduling.enabled=" + polling,
                "--vaultmail.notifications.smtp.host=127.0.0.1",
                "--vaultmail.notifications.smtp.port=" + smtpPort,
                "--vaultmail.notifications.smtp.security=plain",
                "--vaultmail.notifications.smtp.connect-timeout=1s",
                "--vaultmail.notifications.from=no-reply@example.test",
                "--vaultmail.notifications.retry-initial=100ms",
                "--vaultmail.notifications.retry-max=200ms",
                "--vaultmail.notifications.poll-interval=100ms",
                "--vaultmail.notifications.max-attempts=" + maxAttempts));
        nodes.add(node);
        return node;
    }

    static void publishInTransaction(ConfigurableApplicationContext node, UserChangedByOperator event) {
        node.getBean(TransactionTemplate.class).executeWithoutResult(s -> node.publishEvent(event));
    }

    static UserChangedByOperator reset(String address) {
        return new UserChangedByOperator(UUID.randomUUID(), 42, address, UserChangedByOperator.Change.MFA_RESET, "op-restart",
                "192.0.2.7", Instant.now());
    }

    long count(String sql) {
        Long n = db.jdbc().queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    @Test
    void aNotificationQueuedWhileTheServerIsDownIsDeliveredByTheNextNode() {
        queuedWhileDownDeliveredByTheNextNode();
    }

    @Test
    void onPostgresTwoPollingNodesDeliverAQueuedNotificationOnce() {
        db.close();
        db = TestDatabase.create(TestDatabase.Kind.POSTGRES, dataDir);
        queuedWhileDownDeliveredByTheNextNode();
        node(true, 10); // a second polling node on the same database
        publishInTransaction(nodes.getLast(), reset("frank@example.test"));
        await("frank's notification", () -> smtp.getReceivedMessages().length == 2);
        sleep(1000); // both nodes poll several times meanwhile: a second copy would arrive now
        assertThat(smtp.getReceivedMessages()).as("each notification once, with two nodes polling").hasSize(2);
    }

    private void queuedWhileDownDeliveredByTheNextNode() {
        var first = node(false, 10);
        UserChangedByOperator event = reset("carol@example.test");
        publishInTransaction(first, event);
        await("the first, failed attempt", () -> count("SELECT COUNT(*) FROM notification_outbox WHERE attempts = 1 AND last_error IS NOT NULL") == 1);
        await("the publication completed (the row is queued)", () ->
                count("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND event_type LIKE '%UserChangedByOperator'") == 0);
        first.close();

        smtp = startSmtp();
        node(true, 10);
        await("delivery by the restarted node", () -> smtp.getReceivedMessages().length == 1);
        await("nothing waiting", () -> count("SELECT COUNT(*) FROM notification_outbox WHERE done_at IS NULL") == 0);
        await("the audit entry", () -> count("SELECT COUNT(*) FROM audit_entry WHERE action = 'notification.sent'"
                + " AND target = 'carol@example.test' AND details LIKE '%\"attempts\":2%'") == 1);

        // the same event again (as a republication after a crash would bring it): the kept row stops a second mail
        publishInTransaction(nodes.getLast(), event);
        sleep(1000); // time for the republished event to be handled: a second mail would arrive now
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void anEventWhoseQueuingFailedIsPublishedAgainOnRestartAndDelivered() {
        var first = node(false, 10);
        db.jdbc().execute("ALTER TABLE notification_outbox RENAME TO notification_outbox_away");
        publishInTransaction(first, reset("dave@example.test"));
        sleep(1000); // time for the listener to fail on the missing table (nothing to wait for: it leaves no trace)
        assertThat(count("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND event_type LIKE '%UserChangedByOperator'"))
                .as("the publication stays incomplete").isEqualTo(1);
        first.close();
        db.jdbc().execute("ALTER TABLE notification_outbox_away RENAME TO notification_outbox");

        smtp = startSmtp();
        node(false, 10);
        await("delivery after the restart", () -> smtp.getReceivedMessages().length == 1);
        await("no incomplete publication", () -> count("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL") == 0);
    }

    @Test
    void aNotificationThatKeepsFailingIsGivenUpAfterMaxAttemptsAndAudited() {
        node(true, 3);
        publishInTransaction(nodes.getFirst(), reset("erin@example.test"));
        await("given up", () -> count("SELECT COUNT(*) FROM audit_entry WHERE action = 'notification.failed'"
                + " AND target = 'erin@example.test' AND details LIKE '%\"attempts\":3%' AND details LIKE '%max_attempts%'") == 1);
        assertThat(count("SELECT COUNT(*) FROM notification_outbox WHERE outcome = 'failed' AND done_at IS NOT NULL")).isEqualTo(1);
        sleep(500); // more polls: a second give-up would be audited now
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'notification.failed'")).as("given up once").isEqualTo(1);
    }

    @Test
    void anUnmailableAddressIsGivenUpAtOnce() {
        smtp = startSmtp();
        node(true, 10);
        publishInTransaction(nodes.getFirst(), reset("mallory@example.test\r\nBcc: victim@example.test"));
        await("given up", () -> count("SELECT COUNT(*) FROM audit_entry WHERE action = 'notification.failed'"
                + " AND details LIKE '%invalid_recipient%' AND details LIKE '%\"attempts\":1%'") == 1);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(30), condition::getAsBoolean);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms); // each caller says why it lets the time pass
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
