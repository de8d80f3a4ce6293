package org.vaultmail.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.auth.signin.SignInFailed;
import org.vaultmail.auth.signin.SignInLockoutStarted;
import org.vaultmail.auth.signin.SignInSucceeded;
import org.vaultmail.compose.IdentityChanged;
import org.vaultmail.notify.NotificationAbandoned;
import org.vaultmail.notify.NotificationDelivered;
import org.vaultmail.organise.FolderChanged;
import org.vaultmail.reading.RemoteContentSenderChanged;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/** Events become entries through the publication registry, and a failed recording is not lost. On H2. */
class AuditEventsTest {

    @TempDir
    Path dataDir;

    TestDatabase db;
    final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @BeforeEach
    void createDatabase() {
        db = TestDatabase.create(TestDatabase.Kind.H2, dataDir);
    }

    @AfterEach
    void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
        db.close();
    }

    ConfigurableApplicationContext node() {
        var node = VaultmailNode.start(db);
        nodes.add(node);
        return node;
    }

    static long entries(ConfigurableApplicationContext node) {
        Long n = node.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class);
        return n == null ? 0 : n;
    }

    static long incomplete(ConfigurableApplicationContext node) {
        Long n = node.getBean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL", Long.class);
        return n == null ? 0 : n;
    }

    static void await(String what, java.util.function.BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(20), condition::getAsBoolean);
    }

    @Test
    void eventsPublishedWithAndWithoutATransactionAreRecordedInOrderAndThePublicationsAreDone() {
        var node = node();
        node.publishEvent(new SignInSucceeded("alice@example.test", 7, "s-1", "192.0.2.1", "Firefox"));
        node.getBean(TransactionTemplate.class).executeWithoutResult(s ->
                node.publishEvent(new SignInFailed("bob@example.test", SignInFailed.Reason.WRONG_CREDENTIALS, "192.0.2.2", null)));
        node.publishEvent(new SessionRevoked(7, "alice@example.test", "s-1", SessionRevoked.Reason.LOGOUT));

        await("three entries", () -> entries(node) == 3);
        await("publications completed", () -> incomplete(node) == 0);

        var rows = node.getBean(JdbcTemplate.class).queryForList(
                "SELECT actor_type, actor_id, action, target, client_address, user_agent, outcome, details FROM audit_entry ORDER BY seq");
        assertThat(rows.get(0)).containsEntry("actor_type", "user").containsEntry("actor_id", "alice@example.test")
                .containsEntry("action", "signin").containsEntry("target", "session:s-1").containsEntry("client_address", "192.0.2.1")
                .containsEntry("user_agent", "Firefox").containsEntry("outcome", "success").containsEntry("details", "{\"user_id\":7}");
        assertThat(rows.get(1)).containsEntry("actor_id", "bob@example.test").containsEntry("outcome", "failure")
                .containsEntry("details", "{\"reason\":\"wrong_credentials\"}");
        assertThat(rows.get(2)).containsEntry("action", "session.revoke").containsEntry("details", "{\"reason\":\"logout\",\"user_id\":7}");
        assertThat(node.getBean(AuditLog.class).verify().ok()).isTrue();
    }

    @Test
    void settingsLockoutAndNotificationEventsAreRecordedWithNamedFactsOnly() {
        var node = node();
        node.publishEvent(new IdentityChanged(7, "alice@example.test", "s-1", "sales@example.test", List.of("display_name", "signature")));
        node.publishEvent(new RemoteContentSenderChanged(7, "alice@example.test", "s-1", "news@sender.test", true));
        node.publishEvent(new RemoteContentSenderChanged(7, "alice@example.test", "s-1", "news@sender.test", false));
        node.publishEvent(new FolderChanged(7, "alice@example.test", "s-1", FolderChanged.Change.RENAMED, "Old", "New"));
        node.publishEvent(new SignInLockoutStarted(SignInLockoutStarted.Kind.ACCOUNT, "bob@example.test",
                Instant.parse("2026-01-02T03:04:05Z"), 5));
        node.publishEvent(new SignInLockoutStarted(SignInLockoutStarted.Kind.CLIENT, "192.0.2.8",
                Instant.parse("2026-01-02T03:04:05Z"), 20));
        node.publishEvent(new NotificationDelivered("n-1", "mfa_reset", "carol@example.test", 2));
        node.publishEvent(new NotificationAbandoned("n-2", "sessions_ended", "dave@example.test", 10, "max_attempts",
                "MailConnectException/ConnectException"));
        node.publishEvent(new AdminActionPerformed(ActorType.OPERATOR, "op", "user.reset_mfa", "erin@example.test", "success",
                "192.0.2.9", "Firefox", java.util.Map.of("notified", "false", "notified_reason", "not_configured")));

        await("nine entries", () -> entries(node) == 9);
        var rows = node.getBean(JdbcTemplate.class).queryForList(
                "SELECT actor_type, actor_id, action, target, client_address, outcome, details FROM audit_entry ORDER BY seq");
        assertThat(rows.get(0)).containsEntry("actor_id", "alice@example.test").containsEntry("action", "settings.identity.changed")
                .containsEntry("target", "identity:sales@example.test")
                .containsEntry("details", "{\"fields\":\"display_name,signature\",\"session\":\"s-1\",\"user_id\":7}");
        assertThat(rows.get(1)).containsEntry("action", "settings.remote_content.sender_added").containsEntry("target", "sender:news@sender.test");
        assertThat(rows.get(2)).containsEntry("action", "settings.remote_content.sender_removed");
        assertThat(rows.get(3)).containsEntry("action", "settings.folder.renamed").containsEntry("target", "folder:Old")
                .containsEntry("details", "{\"new_name\":\"New\",\"session\":\"s-1\",\"user_id\":7}");
        assertThat(rows.get(4)).containsEntry("actor_type", "user").containsEntry("actor_id", "bob@example.test")
                .containsEntry("action", "signin.lockout").containsEntry("target", "account:bob@example.test")
                .containsEntry("outcome", "locked_out")
                .containsEntry("details", "{\"failures\":5,\"kind\":\"account\",\"until\":\"2026-01-02T03:04:05Z\"}");
        assertThat(rows.get(5)).containsEntry("actor_type", "system").containsEntry("target", "client:192.0.2.8")
                .containsEntry("client_address", "192.0.2.8");
        assertThat(rows.get(6)).containsEntry("action", "notification.sent").containsEntry("target", "carol@example.test")
                .containsEntry("details", "{\"attempts\":2,\"id\":\"n-1\",\"kind\":\"mfa_reset\"}");
        assertThat(rows.get(7)).containsEntry("action", "notification.failed").containsEntry("outcome", "failure")
                .containsEntry("details", "{\"attempts\":10,\"id\":\"n-2\",\"kind\":\"sessions_ended\","
                        + "\"last_error\":\"MailConnectException/ConnectException\",\"reason\":\"max_attempts\"}");
        assertThat(rows.get(8)).containsEntry("action", "user.reset_mfa")
                .containsEntry("details", "{\"notified\":\"false\",\"notified_reason\":\"not_configured\"}");
        assertThat(node.getBean(AuditLog.class).verify().ok()).isTrue();
    }

    @Test
    void aFailedRecordingStaysIncompleteAndIsRecordedWhenResubmittedOrAfterARestart() {
        var node = node();
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        jdbc.execute("ALTER TABLE audit_entry RENAME TO audit_entry_away"); // the database "hiccups" for the audit log

        node.publishEvent(new SignInFailed("carol@example.test", SignInFailed.Reason.LOCKED_OUT, "192.0.2.3", null));
        node.publishEvent(new SignInFailed("dave@example.test", SignInFailed.Reason.WRONG_CREDENTIALS, "192.0.2.4", null));
        await("two stored publications", () -> incomplete(node) == 2);
        sleep(500); // the listener has failed by now; the publications must still be there
        assertThat(incomplete(node)).isEqualTo(2);

        jdbc.execute("ALTER TABLE audit_entry_away RENAME TO audit_entry");
        node.getBean(IncompleteEventPublications.class).resubmitIncompletePublications(p -> p.getEvent() instanceof SignInFailed f
                && f.address().startsWith("carol"));
        await("carol's entry", () -> entries(node) == 1);
        assertThat(jdbc.queryForObject("SELECT outcome FROM audit_entry WHERE seq = 1", String.class)).isEqualTo("locked_out");

        node.close(); // dave's publication is still incomplete: a restart publishes it again
        var restarted = node();
        await("dave's entry after the restart", () -> entries(restarted) == 2);
        await("no incomplete publication left", () -> incomplete(restarted) == 0);
        assertThat(restarted.getBean(AuditLog.class).verify().ok()).isTrue();
    }

    @Test
    void verifyCommandReportsOkOrTheFirstBrokenSequenceWithANonZeroExit() {
        var node = node();
        for (int i = 0; i < 20; i++) node.getBean(AuditChain.class).append(AuditChainContract.record(i));
        CommandLineInterface cli = node.getBean(CommandLineInterface.class);
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        java.io.PrintStream stderr = System.err;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(cli.run("audit", List.of("verify"))).isZero();
            assertThat(out.toString()).contains("Audit chain OK: 20 entries verified (sequence 1 to 20).");

            db.jdbc().update("UPDATE audit_entry SET outcome = 'failure' WHERE seq = 13");
            assertThat(cli.run("audit", List.of("verify"))).isEqualTo(1);
            assertThat(err.toString()).contains("Audit chain BROKEN at sequence 13: entry hash (content changed)", "expected: ",
                    "found:    ", "(12 entries before it verified)");

            out.reset();
            assertThat(cli.run("audit", List.of("export", "--since", "2000-01-01", "--format", "jsonl"))).isZero();
            assertThat(out.toString().lines()).hasSize(20).first().asString().startsWith("{\"seq\":1,");
            assertThat(cli.run("audit", List.of("export", "--since", "yesterday"))).isEqualTo(64);
            assertThat(cli.run("audit", List.of("export", "--since", "2000-01-01", "--format", "csv"))).isEqualTo(64);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
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
