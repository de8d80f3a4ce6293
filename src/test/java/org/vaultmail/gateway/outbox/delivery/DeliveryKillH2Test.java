package org.vaultmail.gateway.outbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * G11 with a real {@code kill -9}: a child JVM delivers through the test's loopback SMTP server and is killed with
 * SIGKILL at the two moments that matter; a restarted child then finishes the job. Killed while the server delays its
 * reply to the end of DATA: the message ends {@code delivery_uncertain} and the server has it exactly once. Killed
 * while the server delays its RCPT reply (before DATA): it is delivered exactly once after the restart.
 */
class DeliveryKillH2Test {

    @TempDir
    Path dir;
    TestDatabase db;
    ConfigurableApplicationContext parent;
    LoopbackSmtpServer smtp;
    Process child;

    @BeforeEach
    void start() {
        smtp = LoopbackSmtpServer.start("alice@example.org", "secret");
        db = TestDatabase.create(TestDatabase.Kind.H2, dir);
        parent = VaultmailNode.start(db, List.of("--test.mailboxes.smtp-port=" + smtp.port(),
                "--vaultmail.gateway.outbox.worker-enabled=false"), TestMailboxes.Config.class);
    }

    @AfterEach
    void stop() {
        if (child != null) child.destroyForcibly();
        if (parent != null) parent.close();
        if (db != null) db.close();
        if (smtp != null) smtp.close();
    }

    @Test
    void killedAfterDataBeforeTheReplyIsDeliveryUncertainAndReceivedExactlyOnce() throws Exception {
        smtp.delayEndOfData(Duration.ofMinutes(5));
        OutboxRows.Queued m = enqueue();

        child = startChild("first");
        awaitOrShowLog("the server received the data", () -> smtp.count(m.messageId()) == 1, "first");
        assertThat(OutboxRows.row(jdbc(), m.id())).containsEntry("status", "sending");
        assertThat(OutboxRows.row(jdbc(), m.id()).get("data_sent_at")).as("DATA was marked before it was sent").isNotNull();
        kill();
        smtp.delayEndOfData(Duration.ZERO);

        child = startChild("restarted");
        awaitOrShowLog("the restarted node's sweep", () -> OutboxRows.status(jdbc(), m.id()).equals("delivery_uncertain"), "restarted");
        Thread.sleep(2000); // several more polls: nothing may resend it

        assertThat(OutboxRows.status(jdbc(), m.id())).isEqualTo("delivery_uncertain");
        assertThat(smtp.count(m.messageId())).isEqualTo(1);
        assertThat(OutboxRows.history(jdbc(), m.id()).getLast())
                .isEqualTo("delivery_uncertain: the node sending it stopped after DATA and before the server's reply; not resent automatically");
    }

    @Test
    void killedBeforeDataIsDeliveredExactlyOnceAfterTheRestart() throws Exception {
        smtp.delayRcpt(Duration.ofMinutes(5));
        OutboxRows.Queued m = enqueue();

        child = startChild("first");
        awaitOrShowLog("the server saw RCPT", () -> smtp.rcptCommands() >= 1, "first");
        assertThat(OutboxRows.row(jdbc(), m.id())).containsEntry("status", "sending");
        assertThat(OutboxRows.row(jdbc(), m.id()).get("data_sent_at")).isNull();
        kill();
        smtp.delayRcpt(Duration.ZERO);

        child = startChild("restarted");
        awaitOrShowLog("delivery after the restart", () -> OutboxRows.status(jdbc(), m.id()).equals("sent"), "restarted");
        Thread.sleep(1000); // more polls: a second delivery would reach the SMTP server now

        assertThat(smtp.count(m.messageId())).isEqualTo(1);
        assertThat(smtp.dataCommands()).isEqualTo(1);
        assertThat(OutboxRows.history(jdbc(), m.id())).contains("queued: the node sending it stopped before DATA; queued again");
        assertThat(OutboxRows.row(jdbc(), m.id())).containsEntry("attempts", 2);
    }

    private OutboxRows.Queued enqueue() {
        return OutboxRows.enqueue(parent.getBean(OutboxStore.class), TestMailboxes.MAILBOX, "alice@example.org",
                List.of("bob@example.net"), "kill test", Instant.now());
    }

    private JdbcTemplate jdbc() {
        return parent.getBean(JdbcTemplate.class);
    }

    private void kill() throws InterruptedException {
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop of the attempt
        assertThat(child.waitFor(Duration.ofSeconds(30))).isTrue();
        child = null;
    }

    private Process startChild(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:off", "-cp", System.getProperty("java.class.path"),
                DeliveryChild.class.getName()));
        command.addAll(db.springArgs());
        command.addAll(List.of("--vaultmail.scheduling.enabled=false", "--logging.level.root=warn",
                "--logging.level.org.vaultmail.gateway.outbox=info",
                "--vaultmail.gateway.outbox.worker-enabled=true", "--vaultmail.gateway.outbox.poll-interval=200ms",
                "--vaultmail.gateway.outbox.lease=3s", "--test.mailboxes.smtp-port=" + smtp.port()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private void awaitOrShowLog(String what, java.util.function.BooleanSupplier condition, String log) throws Exception {
        try {
            Await.until(what, Duration.ofSeconds(120), () -> {
                if (child != null && !child.isAlive()) throw new AssertionError("the child exited");
                return condition.getAsBoolean();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + Files.readString(dir.resolve(log + ".log")), e);
        }
    }
}
