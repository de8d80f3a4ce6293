package org.vaultmail.migrate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.verify.MailboxVerifier;
import org.vaultmail.migrate.verify.VerifyOptions;
import org.vaultmail.migrate.verify.VerifyReport;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.Requirements;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;
import org.vaultmail.vault.Secret;

/**
 * {@code kill -9} of the node running a job (issue 14 item 4), with the real engine on the shared Dovecot and a
 * PostgreSQL schema shared by every node: killed at five random points, restarted, the job resumes and ends with the
 * destination holding exactly the source's messages (the verifier: SHA-256 of the raw bytes, flags and keywords,
 * INTERNALDATE; no duplicate); and two nodes at once,
 * where the one running the job dies and the other takes it over when the lease runs out.
 */
@Tag("kill")
@Tag("dovecot")
@Tag("postgres")
class MigrationKillTest {

    static final String SRC = "mig-kill-src@example.test";
    static final String DST = "mig-kill-dst@example.test";
    static final int MESSAGES = 400;

    @TempDir
    Path dir;
    TestDatabase db;
    ConfigurableApplicationContext parent;
    final List<Process> children = new ArrayList<>();
    final Random random = new Random();

    @BeforeEach
    void start() throws Exception {
        Requirements.require(engineBuilt(), "the real migration engine (org.vaultmail.migrate.engine.ImapMigrationEngine)");
        DovecotFixture dovecot = DovecotFixture.get();
        Mailboxes.empty(Mailboxes.MAIN, SRC);
        Mailboxes.empty(Mailboxes.MAIN, DST);
        Mailboxes.seedVaried(Mailboxes.MAIN, SRC, MESSAGES);
        db = TestDatabase.create(TestDatabase.Kind.POSTGRES, dir);
        parent = VaultmailNode.start(db, domain(dovecot)); // creates the job; runs nothing (no poller)
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : children) p.destroyForcibly().waitFor();
        if (parent != null) parent.close();
        if (db != null) db.close();
        Mailboxes.empty(Mailboxes.MAIN, SRC);
        Mailboxes.empty(Mailboxes.MAIN, DST);
    }

    static boolean engineBuilt() {
        try {
            Class.forName("org.vaultmail.migrate.engine.ImapMigrationEngine");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static List<String> domain(DovecotFixture dovecot) {
        List<String> args = new ArrayList<>();
        dovecot.domainProperties(0).forEach((k, v) -> args.add("--" + k + "=" + v));
        return args;
    }

    @Test
    void killedAtFiveRandomPointsTheJobResumesAndTheDestinationHasEveryMessageOnce() throws Exception {
        String id = createJob();
        for (int kill = 1; kill <= 5; kill++) {
            Process child = child("node-" + kill);
            long before = copiedRows();
            int step = 10 + random.nextInt(30);
            awaitOrShowLog("node " + kill + " copies " + step + " more", child, () -> copiedRows() >= before + step
                    || "finished".equals(state(id)));
            Thread.sleep(random.nextInt(400)); // anywhere in a batch: between pending, APPEND and its tagged OK
            child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, the lease stays until it runs out
            assertThat(state(id)).as("killed while it ran (kill %d)", kill).isEqualTo("running");
        }
        Process last = child("node-final");
        awaitOrShowLog("the job finishes after five kills", last, () -> "finished".equals(state(id)));

        assertThat(row(id).get("runs")).isEqualTo(6);
        assertThat(row(id).get("source_credentials")).isNull();
        assertClean();
    }

    @Test
    void twoNodesOnPostgresTheOneRunningTheJobDiesAndTheOtherTakesItOver() throws Exception {
        String id = createJob();
        Process a = child("node-a");
        Process b = child("node-b");
        awaitOrShowLog("a node runs the job and copies", a, () -> copiedRows() >= 30);
        String owner = (String) row(id).get("lease_owner");
        Process running = owner.equals("node-a") ? a : b;
        Process other = running == a ? b : a;
        running.destroyForcibly().waitFor();

        awaitOrShowLog("the other node finishes it", other, () -> "finished".equals(state(id)));

        assertThat(row(id).get("runs")).isEqualTo(2);
        assertClean();
    }

    /**
     * Every message once, byte for byte, and with its flags, keywords and INTERNALDATE: the verifier reads both sides
     * read-only and compares them as multisets of (raw SHA-256, flags, INTERNALDATE).
     */
    private void assertClean() throws Exception {
        List<String> source = Digests.of(Mailboxes.MAIN, SRC, "INBOX");
        List<String> destination = Digests.of(Mailboxes.MAIN, DST, "INBOX");
        assertThat(source).hasSize(MESSAGES);
        assertThat(destination).as("every message once, byte for byte").isEqualTo(source);
        try (IMAPStore src = (IMAPStore) Mailboxes.connect(Mailboxes.MAIN, SRC);
             IMAPStore dst = (IMAPStore) Mailboxes.connect(Mailboxes.MAIN, DST)) {
            VerifyReport report = new MailboxVerifier(VerifyOptions.strict().withoutSubscriptions())
                    .verify(src, dst, List.of(new FolderPair("INBOX", "INBOX", null, true, false, true)));
            assertThat(report.clean()).as(report.summary()).isTrue();
            VerifyReport.Folder inbox = report.folders().getFirst();
            assertThat(inbox.sourceCount()).isEqualTo(MESSAGES);
            assertThat(inbox.flagDifferences()).as("flags and keywords kept").isEmpty();
            assertThat(inbox.dateDifferences()).as("INTERNALDATE kept").isEmpty();
            assertThat(inbox.duplicates()).isZero();
        }
        // the seed's variety reached the destination (a verifier comparing nothing would pass too)
        List<VerifyReport.Message> copied;
        try (IMAPStore dst = (IMAPStore) Mailboxes.connect(Mailboxes.MAIN, DST)) {
            copied = new MailboxVerifier().messages(dst, "INBOX");
        }
        assertThat(copied).anyMatch(m -> m.flags().contains("Kill_Custom")).anyMatch(m -> m.flags().contains("$Label1"))
                .allMatch(m -> m.internalDate().isBefore(java.time.Instant.parse("2020-01-01T00:00:00Z")));
    }

    private String createJob() throws Exception {
        MigrationJobs jobs = parent.getBean(MigrationJobs.class);
        // 40 messages a second: a run lasts ~10 s, long enough to be killed in the middle
        MigrationOptions options = MigrationOptions.defaults().withFolders(List.of("INBOX"), List.of()).withLimits(40, 0);
        JobView job = Retry.created(() -> {
            try (NewJob j = new NewJob(new ServerLogin("example.test", SRC, Secret.ofUtf8("mig-kill-src-pass")),
                    new ServerLogin("example.test", DST, Secret.ofUtf8("mig-kill-dst-pass")), options)) {
                return jobs.create(j, Requester.operator("kill-test", null));
            }
        });
        return job.id();
    }

    private JdbcTemplate jdbc() {
        return parent.getBean(JdbcTemplate.class);
    }

    private long copiedRows() {
        Long n = jdbc().queryForObject("SELECT COUNT(*) FROM migration_copied", Long.class);
        return n == null ? 0 : n;
    }

    private String state(String id) {
        return (String) row(id).get("state");
    }

    private Map<String, Object> row(String id) {
        return jdbc().queryForMap("SELECT * FROM migration_jobs WHERE id = ?", id);
    }

    private Process child(String nodeId) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:off", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), MigrationChild.class.getName()));
        command.addAll(db.springArgs());
        command.addAll(domain(DovecotFixture.get()));
        command.addAll(List.of("--vaultmail.scheduling.enabled=false", "--logging.level.root=warn",
                "--logging.level.org.vaultmail.migrate=info", "--vaultmail.migrate.enabled=true",
                "--vaultmail.migrate.node-id=" + nodeId, "--vaultmail.migrate.poll-interval=200ms",
                "--vaultmail.migrate.lease=3s", "--vaultmail.migrate.batch-messages=10",
                "--vaultmail.vault.retire-settle-ms=0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(nodeId + ".log").toFile()).start();
        children.add(p);
        return p;
    }

    private void awaitOrShowLog(String what, Process child, java.util.function.BooleanSupplier condition) throws Exception {
        try {
            Await.until(what, Duration.ofSeconds(240), () -> {
                if (!child.isAlive()) throw new AssertionError("the child exited");
                return condition.getAsBoolean();
            });
        } catch (AssertionError e) {
            StringBuilder logs = new StringBuilder();
            try (var files = Files.list(dir)) {
                for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                    logs.append("== ").append(log.getFileName()).append('\n').append(Files.readString(log));
                }
            }
            throw new AssertionError(e.getMessage() + "\n" + logs, e);
        }
    }
}
