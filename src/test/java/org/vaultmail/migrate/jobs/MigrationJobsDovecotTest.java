package org.vaultmail.migrate.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.MigrationSource;
import org.vaultmail.migrate.MigrationSources;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerChoice;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.migrate.engine.MigrationFailure;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.LoopbackSmtpServer;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * The jobs service and one node's runner on H2 against the shared Dovecot servers (logins for real; the engine is
 * {@link FakeEngine} until the real one is merged): refusals, visibility, the canary passwords, credentials deleted
 * at every end, a moved ciphertext, pause/resume/cancel of a running job, the per-node cap, audit and the owner's mail.
 */
@Tag("dovecot")
@ExtendWith(OutputCaptureExtension.class)
class MigrationJobsDovecotTest {

    static final String SRC = "mig-canary-src@example.test";
    static final String DST = "mig-canary-dst@example.test";
    static final String KILL_SRC = "mig-kill-src@example.test";
    static final String KILL_DST = "mig-kill-dst@example.test";
    static final String SRC_PASSWORD = "mig-canary-src-pass";
    static final String DST_PASSWORD = "mig-canary-dst-pass";

    @TempDir
    static Path dir;
    static TestDatabase db;
    static ConfigurableApplicationContext node;
    static LoopbackSmtpServer smtp;
    static MigrationJobs jobs;
    static MigrationSources sources;
    static JobRunner runner;
    static JdbcTemplate jdbc;
    static long canaryUser;
    static long otherUser;

    @BeforeAll
    static void start() throws Exception {
        DovecotFixture dovecot = DovecotFixture.get();
        smtp = LoopbackSmtpServer.start("notify@example.test", "notify-secret");
        Path passwordFile = Files.writeString(dir.resolve("notify-password"), "notify-secret");
        db = TestDatabase.create(TestDatabase.Kind.H2, dir);
        List<String> args = new ArrayList<>();
        dovecot.domainProperties(0).forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of("--vaultmail.migrate.max-jobs-per-node=2", "--vaultmail.migrate.max-jobs-per-host=5",
                "--vaultmail.migrate.lease=3s", "--vaultmail.migrate.unreachable-retries=1",
                "--vaultmail.migrate.retry-backoff=100ms",
                "--logging.level.org.vaultmail=debug",
                "--vaultmail.notifications.smtp.host=127.0.0.1",
                "--vaultmail.notifications.smtp.port=" + smtp.port(),
                "--vaultmail.notifications.smtp.security=plain",
                "--vaultmail.notifications.smtp.username=notify@example.test",
                "--vaultmail.notifications.smtp.password-file=" + passwordFile,
                "--vaultmail.notifications.from=notify@example.test"));
        node = VaultmailNode.start(db, args, FakeEngine.Config.class);
        jobs = node.getBean(MigrationJobs.class);
        sources = node.getBean(MigrationSources.class);
        runner = node.getBean(JobRunner.class);
        jdbc = node.getBean(JdbcTemplate.class);
        sources.save(new MigrationSource("second", "127.0.0.1", Mailboxes.SECOND, Security.PLAIN, null), "operator:test");
        canaryUser = user(DST);
        otherUser = user("someone-else@example.test");
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) node.close();
        if (db != null) db.close();
        if (smtp != null) smtp.close();
        for (String a : List.of(SRC, DST, KILL_SRC, KILL_DST)) {
            Mailboxes.empty(Mailboxes.MAIN, a);
            Mailboxes.empty(Mailboxes.SECOND, a);
        }
    }

    @BeforeEach
    void reset() {
        FakeEngine.reset();
    }

    @AfterEach
    void drain() throws Exception {
        FakeEngine.delay = Duration.ZERO;
        Await.until("no job running", Duration.ofSeconds(30), () -> runner.running().isEmpty());
        jdbc.update("UPDATE migration_jobs SET state = 'cancelled', source_credentials = NULL, source_credentials_key_id = NULL,"
                + " destination_credentials = NULL, destination_credentials_key_id = NULL WHERE state NOT IN ('finished', 'failed', 'cancelled')");
    }

    static long user(String address) {
        jdbc.update("INSERT INTO users (address, created_at, last_sign_in_at) VALUES (?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", address);
        return jdbc.queryForObject("SELECT id FROM users WHERE address = ?", Long.class, address);
    }

    static Requester canary() {
        return Requester.user(canaryUser, DST, "203.0.113.7");
    }

    static NewJob job(String from, String fromLogin, String fromPassword, String to, String toLogin, String toPassword,
                      MigrationOptions options) {
        return new NewJob(new ServerLogin(from, fromLogin, Secret.ofUtf8(fromPassword)),
                new ServerLogin(to, toLogin, Secret.ofUtf8(toPassword)), options);
    }

    static JobView canaryJob(MigrationOptions options) throws Exception {
        return Retry.created(() -> canaryJobOnce(options));
    }

    static JobView canaryJobOnce(MigrationOptions options) throws MigrationRefused {
        try (NewJob j = job("second", SRC, SRC_PASSWORD, "example.test", DST, DST_PASSWORD, options)) {
            return jobs.create(j, canary());
        }
    }

    static JobView operatorJob(String mark) throws Exception {
        return Retry.created(() -> operatorJobOnce(mark));
    }

    static JobView operatorJobOnce(String mark) throws MigrationRefused {
        try (NewJob j = job("example.test", KILL_SRC, "mig-kill-src-pass", "second", KILL_DST, "mig-kill-dst-pass",
                MigrationOptions.defaults().withFolders(List.of(mark), List.of()))) {
            return jobs.create(j, Requester.operator("test", null));
        }
    }

    static long jobCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM migration_jobs", Long.class);
    }

    static Map<String, Object> row(String id) {
        return jdbc.queryForMap("SELECT * FROM migration_jobs WHERE id = ?", id);
    }

    static void assertCredentialsGone(String id) {
        Map<String, Object> row = row(id);
        assertThat(row.get("source_credentials")).isNull();
        assertThat(row.get("source_credentials_key_id")).isNull();
        assertThat(row.get("destination_credentials")).isNull();
        assertThat(row.get("destination_credentials_key_id")).isNull();
    }

    static long audited(String action, String jobId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target = ?", Long.class,
                action, "migration:" + jobId);
    }

    @Test
    void createRefusesAWrongPasswordOnEitherSideWithItsCodeAndStoresNothing() {
        long before = jobCount();
        try (NewJob j = job("second", SRC, "wrong-" + SRC_PASSWORD, "example.test", DST, DST_PASSWORD, MigrationOptions.defaults())) {
            assertThatThrownBy(() -> jobs.create(j, canary())).isInstanceOf(MigrationRefused.class)
                    .satisfies(e -> assertThat(((MigrationRefused) e).code()).isEqualTo("source_login_failed"))
                    .hasMessageNotContaining(SRC_PASSWORD);
        }
        try (NewJob j = job("second", SRC, SRC_PASSWORD, "example.test", DST, "wrong-" + DST_PASSWORD, MigrationOptions.defaults())) {
            assertThatThrownBy(() -> jobs.create(j, canary())).isInstanceOf(MigrationRefused.class)
                    .satisfies(e -> assertThat(((MigrationRefused) e).code()).isEqualTo("destination_login_failed"));
        }
        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void createRefusesUnknownServersAnotherMailboxAsDestinationAndAnUnreachableServer() throws Exception {
        long before = jobCount();
        try (NewJob j = job("evil.example.net:993", SRC, SRC_PASSWORD, "example.test", DST, DST_PASSWORD, MigrationOptions.defaults())) {
            assertThatThrownBy(() -> jobs.create(j, canary()))
                    .satisfies(e -> assertThat(((MigrationRefused) e).code()).isEqualTo("unknown_server"));
        }
        try (NewJob j = job("second", SRC, SRC_PASSWORD, "example.test", KILL_DST, "mig-kill-dst-pass", MigrationOptions.defaults())) {
            assertThatThrownBy(() -> jobs.create(j, canary()))
                    .satisfies(e -> assertThat(((MigrationRefused) e).code()).isEqualTo("server_not_allowed"));
        }
        try (NewJob j = job("second", SRC, SRC_PASSWORD, "second", DST, DST_PASSWORD, MigrationOptions.defaults())) {
            assertThatThrownBy(() -> jobs.create(j, canary()))
                    .as("a user's destination is their own domain's server")
                    .satisfies(e -> assertThat(((MigrationRefused) e).code()).isEqualTo("server_not_allowed"));
        }
        sources.save(new MigrationSource("closed", "127.0.0.1", 1, Security.PLAIN, null), "operator:test");
        try (NewJob j = job("closed", SRC, SRC_PASSWORD, "example.test", DST, DST_PASSWORD, MigrationOptions.defaults())) {
            assertThatThrownBy(() -> jobs.create(j, canary()))
                    .satisfies(e -> assertThat(((MigrationRefused) e).code()).isEqualTo("source_unreachable"));
        } finally {
            sources.remove("closed", "operator:test");
        }
        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void sourcesAllowPlainOnlyOnLoopbackAndChoicesListDomainsFirst() {
        assertThatThrownBy(() -> sources.save(new MigrationSource("remote", "imap.example.net", 143, Security.PLAIN, null), "operator:test"))
                .satisfies(e -> assertThat(((MigrationRefused) e).code()).isEqualTo("invalid_options"));
        List<ServerChoice> choices = sources.choices();
        assertThat(choices.getFirst()).isEqualTo(new ServerChoice("example.test", "domain", "127.0.0.1", DovecotFixture.IMAPS_PORT, "tls"));
        assertThat(choices).contains(new ServerChoice("second", "source", "127.0.0.1", Mailboxes.SECOND, "plain"));
        Await.until("audited", Duration.ofSeconds(10), () -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE action = 'migration.source.saved' AND target = 'migration-source:second'", Long.class) == 1);
    }

    @Test
    void theTwoSealedColumnsAreRegisteredForKeyManagement() {
        assertThat(node.getBeansOfType(SealedColumn.class).values()).contains(JobCredentials.SOURCE, JobCredentials.DESTINATION);
    }

    @Test
    void aUserCannotSeeCancelPauseOrReadAnotherUsersJob() throws Exception {
        // nothing polls in this test: the job stays queued
        JobView mine = canaryJob(MigrationOptions.defaults().withFolders(List.of(FakeEngine.NO_MAIL + "-visibility"), List.of()));
        Requester other = Requester.user(otherUser, "someone-else@example.test", null);

        assertThat(jobs.find(mine.id(), other)).isEmpty();
        assertThat(jobs.cancel(mine.id(), other)).isEmpty();
        assertThat(jobs.pause(mine.id(), other)).isEmpty();
        assertThat(jobs.resume(mine.id(), other)).isEmpty();
        assertThat(jobs.errors(mine.id(), other, 100)).isEmpty();
        assertThat(jobs.list(other, 100)).noneMatch(v -> v.id().equals(mine.id()));
        assertThatThrownBy(() -> jobs.runHere(mine.id(), other, v -> { }))
                .satisfies(e -> assertThat(((MigrationRefused) e).code()).isEqualTo("not_found"));
        assertThat(row(mine.id()).get("state")).isEqualTo("queued");

        assertThat(jobs.find(mine.id(), canary())).isPresent();
        assertThat(jobs.find(mine.id(), Requester.operator("test", null))).isPresent();
        assertThat(jobs.list(canary(), 100)).anyMatch(v -> v.id().equals(mine.id()));
    }

    @Test
    void aUsersJobRunsToTheEndTheCanaryPasswordsAppearNowhereAndItsCredentialsAreGone(CapturedOutput output) throws Exception {
        Mailboxes.seed(Mailboxes.SECOND, SRC, 3);
        JobView created = canaryJob(MigrationOptions.defaults());
        assertThat(created.state()).isEqualTo(JobState.QUEUED);
        assertThat(created.credentialsHeld()).isTrue();
        String whileQueued = DatabaseDump.of(node.getBean(DataSource.class));
        assertThat(whileQueued).contains(created.id()).doesNotContain(SRC_PASSWORD).doesNotContain(DST_PASSWORD);

        runner.pollAndWait(60);

        JobView done = jobs.find(created.id(), canary()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.FINISHED);
        assertThat(done.credentialsHeld()).isFalse();
        assertThat(done.progress().copied()).isEqualTo(3);
        assertThat(done.folders()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("INBOX");
            assertThat(f.copied()).isEqualTo(3);
            assertThat(f.sourceCount()).isEqualTo(3);
        });
        assertThat(Mailboxes.count(Mailboxes.MAIN, DST)).isEqualTo(3);
        assertCredentialsGone(created.id());
        for (String action : List.of("migration.job.created", "migration.job.started", "migration.job.finished",
                "migration.credentials.deleted")) {
            Await.until(action + " audited", Duration.ofSeconds(10), () -> audited(action, created.id()) == 1);
        }
        Await.until("the owner is mailed", Duration.ofSeconds(20), () -> smtp.received().stream()
                .anyMatch(r -> r.to().contains(DST) && r.data().contains("Your mail import has finished")));

        String everything = DatabaseDump.of(node.getBean(DataSource.class)) + output.getAll() + done + created
                + jobs.errors(created.id(), canary(), 100) + smtp.received();
        assertThat(everything).doesNotContain(SRC_PASSWORD).doesNotContain(DST_PASSWORD);
        assertThat(whileQueued).doesNotContain(SRC_PASSWORD);
    }

    @Test
    void aFailedJobLosesItsCredentialsAndAnAuthenticationFailureIsNotRetried() throws Exception {
        FakeEngine.failure = new MigrationFailure(MigrationFailure.Kind.AUTHENTICATION, true, "login refused");
        JobView created = operatorJob(FakeEngine.NO_MAIL + "-auth");

        runner.pollAndWait(30);

        JobView failed = jobs.find(created.id(), Requester.cli()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).isEqualTo("the source server refused the stored login");
        assertCredentialsGone(created.id());
        runner.pollAndWait(30);
        assertThat(FakeEngine.runs).hasSize(1);
        Await.until("audited", Duration.ofSeconds(10), () -> audited("migration.job.failed", created.id()) == 1
                && audited("migration.credentials.deleted", created.id()) == 1);
    }

    @Test
    void anUnreachableServerIsTriedAgainAfterABackoffThenTheJobFails() throws Exception {
        FakeEngine.failure = new MigrationFailure(MigrationFailure.Kind.UNREACHABLE, false, "connection refused");
        JobView created = operatorJob(FakeEngine.NO_MAIL + "-unreachable");

        runner.pollAndWait(30);
        Map<String, Object> after1 = row(created.id());
        assertThat(after1.get("state")).isEqualTo("queued");
        assertThat(after1.get("not_before")).isNotNull();
        assertThat(after1.get("source_credentials")).isNotNull();

        Thread.sleep(300); // the backoff (100 ms) has passed
        runner.pollAndWait(30);

        assertThat(FakeEngine.runs).hasSize(2);
        assertThat(row(created.id()).get("state")).isEqualTo("failed");
        assertThat(row(created.id()).get("error")).isEqualTo("the destination server could not be reached");
        assertCredentialsGone(created.id());
    }

    @Test
    void cancellingAQueuedJobEndsItAtOnceAndDeletesItsCredentials() throws Exception {
        JobView created = operatorJob(FakeEngine.NO_MAIL + "-cancel-queued");
        assertThat(row(created.id()).get("source_credentials")).isNotNull();

        JobView cancelled = jobs.cancel(created.id(), Requester.operator("test", null)).orElseThrow();

        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertCredentialsGone(created.id());
        assertThatThrownBy(() -> jobs.cancel(created.id(), Requester.operator("test", null)))
                .satisfies(e -> assertThat(((MigrationRefused) e).code()).isEqualTo("conflict"));
        runner.pollAndWait(30);
        assertThat(FakeEngine.runs).isEmpty();
        Await.until("audited", Duration.ofSeconds(10), () -> audited("migration.job.cancelled", created.id()) == 1
                && audited("migration.credentials.deleted", created.id()) == 1);
    }

    @Test
    void pauseResumeAndCancelReachARunningJob() throws Exception {
        FakeEngine.delay = Duration.ofMillis(300);
        JobView created = operatorJob(FakeEngine.NO_MAIL + "-pause");
        Requester op = Requester.operator("test", null);
        var run = runner.poll();
        assertThat(run).hasSize(1);
        Await.until("running", Duration.ofSeconds(10), () -> "running".equals(row(created.id()).get("state")));

        assertThat(jobs.pause(created.id(), op).orElseThrow().requested()).isEqualTo("pause");
        run.getFirst().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(row(created.id()).get("state")).isEqualTo("paused");
        assertThat(row(created.id()).get("source_credentials")).as("a paused job keeps them").isNotNull();

        assertThat(jobs.resume(created.id(), op).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        run = runner.poll();
        assertThat(run).hasSize(1);
        Await.until("running again", Duration.ofSeconds(10), () -> "running".equals(row(created.id()).get("state")));
        assertThat(jobs.cancel(created.id(), op).orElseThrow().requested()).isEqualTo("cancel");
        run.getFirst().get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(row(created.id()).get("state")).isEqualTo("cancelled");
        assertThat(row(created.id()).get("runs")).isEqualTo(2);
        assertCredentialsGone(created.id());
    }

    @Test
    void aCiphertextCopiedToAnotherJobDoesNotOpen() throws Exception {
        JobView a = operatorJob(FakeEngine.NO_MAIL + "-moved-a");
        JobView b = operatorJob(FakeEngine.NO_MAIL + "-moved-b");
        jdbc.update("UPDATE migration_jobs SET source_credentials = (SELECT source_credentials FROM migration_jobs WHERE id = ?) WHERE id = ?",
                a.id(), b.id());
        JobCredentials credentials = new JobCredentials(node.getBean(Vault.class));
        byte[] moved = jdbc.queryForObject("SELECT source_credentials FROM migration_jobs WHERE id = ?", byte[].class, b.id());
        var servers = new ServerResolver(node.getBean(org.vaultmail.account.MailServerDirectory.class), sources).resolve("example.test").orElseThrow();
        assertThatThrownBy(() -> credentials.open(JobCredentials.SOURCE, b.id(), null, moved, servers)).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> credentials.open(JobCredentials.DESTINATION, a.id(), null, moved, servers))
                .as("nor in the other column").isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> credentials.open(JobCredentials.SOURCE, a.id(), 42L, moved, servers))
                .as("nor for another owner").isInstanceOf(VaultException.class);
        try (var account = credentials.open(JobCredentials.SOURCE, a.id(), null, moved, servers)) {
            assertThat(account.username()).isEqualTo(KILL_SRC);
            assertThat(account.toString()).doesNotContain("mig-kill-src-pass");
        }
        jobs.cancel(a.id(), Requester.cli());

        runner.pollAndWait(30);

        assertThat(row(b.id()).get("state")).isEqualTo("failed");
        assertThat(row(b.id()).get("error")).isEqualTo("the stored credentials do not open");
        assertThat(FakeEngine.runs).isEmpty();
        assertCredentialsGone(b.id());
    }

    @Test
    void aNodeRunsAtMostItsMaximumOfJobsAtOnce() throws Exception {
        FakeEngine.delay = Duration.ofMillis(150);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(operatorJob(FakeEngine.NO_MAIL + "-cap-" + i).id());

        var first = runner.poll();
        assertThat(first).hasSize(2);
        assertThat(runner.poll()).as("no free slot").isEmpty();
        for (var f : first) f.get(30, java.util.concurrent.TimeUnit.SECONDS);
        runner.pollAndWait(30);

        assertThat(FakeEngine.maxConcurrent.get()).isEqualTo(2);
        assertThat(ids).allSatisfy(id -> assertThat(row(id).get("state")).isEqualTo("finished"));
    }

    @Test
    void runHereRunsTheJobOnTheCallingThreadUnderACliLeaseAndRefusesAJobHeldElsewhere() throws Exception {
        FakeEngine.delay = Duration.ofMillis(200);
        JobView job = operatorJob(FakeEngine.NO_MAIL + "-cli");
        List<JobView> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Object> owners = new java.util.concurrent.CopyOnWriteArrayList<>();

        JobView end = jobs.runHere(job.id(), Requester.cli(), v -> {
            seen.add(v);
            owners.add(row(job.id()).get("lease_owner"));
        });

        assertThat(end.state()).isEqualTo(JobState.FINISHED);
        assertThat(seen).anySatisfy(v -> assertThat(v.state()).isEqualTo(JobState.RUNNING));
        assertThat(owners).anySatisfy(o -> assertThat(String.valueOf(o)).startsWith("cli-"));
        assertThat(seen.getLast().state()).isEqualTo(JobState.FINISHED);

        JobView held = operatorJob(FakeEngine.NO_MAIL + "-cli-held");
        jdbc.update("UPDATE migration_jobs SET state = 'running', lease_owner = 'node-x',"
                + " lease_until = DATEADD('MINUTE', 1, CURRENT_TIMESTAMP) WHERE id = ?", held.id());
        assertThatThrownBy(() -> jobs.runHere(held.id(), Requester.cli(), v -> { }))
                .satisfies(e -> assertThat(((MigrationRefused) e).code()).isEqualTo("conflict"));
        assertThat(FakeEngine.runs).containsExactly(FakeEngine.NO_MAIL + "-cli");
    }
}
