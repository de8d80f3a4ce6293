package org.vaultmail.migrate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationSource;
import org.vaultmail.migrate.MigrationSources;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;
import org.vaultmail.vault.Secret;

/**
 * A job with the real engine, run by the CLI's {@code runHere}: the second Dovecot ({@code INBOX.} prefix, {@code .})
 * into the main one; every message arrives once, byte for byte; the report has the INBOX row; a second job for the
 * same two accounts resumes the pair's sync state and copies nothing.
 */
@Tag("dovecot")
class MigrationJobsRealEngineTest {

    static final String SRC = "mig-canary-src@example.test";
    static final String DST = "mig-canary-dst@example.test";

    @TempDir
    static Path dir;
    static TestDatabase db;
    static ConfigurableApplicationContext node;

    @BeforeAll
    static void start() throws Exception {
        DovecotFixture dovecot = DovecotFixture.get();
        for (String a : List.of(SRC, DST)) {
            Mailboxes.empty(Mailboxes.MAIN, a);
            Mailboxes.empty(Mailboxes.SECOND, a);
        }
        Mailboxes.seed(Mailboxes.SECOND, SRC, 25);
        db = TestDatabase.create(TestDatabase.Kind.H2, dir);
        List<String> args = new ArrayList<>();
        dovecot.domainProperties(0).forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--vaultmail.migrate.batch-messages=7");
        node = VaultmailNode.start(db, args);
        node.getBean(MigrationSources.class).save(new MigrationSource("second", "127.0.0.1", Mailboxes.SECOND,
                Security.PLAIN, null), "operator:test");
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) node.close();
        if (db != null) db.close();
        for (String a : List.of(SRC, DST)) {
            Mailboxes.empty(Mailboxes.MAIN, a);
            Mailboxes.empty(Mailboxes.SECOND, a);
        }
    }

    static JobView run() throws Exception {
        MigrationJobs jobs = node.getBean(MigrationJobs.class);
        JobView job = Retry.created(() -> {
            try (NewJob j = new NewJob(new ServerLogin("second", SRC, Secret.ofUtf8("mig-canary-src-pass")),
                    new ServerLogin("example.test", DST, Secret.ofUtf8("mig-canary-dst-pass")),
                    MigrationOptions.defaults().withFolders(List.of("INBOX"), List.of()))) {
                return jobs.create(j, Requester.cli());
            }
        });
        List<JobView> seen = new CopyOnWriteArrayList<>();
        JobView end = jobs.runHere(job.id(), Requester.cli(), seen::add);
        assertThat(seen).isNotEmpty();
        return end;
    }

    @Test
    void theRealEngineCopiesEveryMessageOnceAndASecondJobForThePairCopiesNothing() throws Exception {
        JobView first = run();

        assertThat(first.state()).as(String.valueOf(first.error())).isEqualTo(JobState.FINISHED);
        assertThat(first.credentialsHeld()).isFalse();
        FolderReport inbox = first.folders().stream().filter(f -> f.source().equals("INBOX")).findFirst().orElseThrow();
        assertThat(inbox.copied()).isEqualTo(25);
        assertThat(inbox.sourceCount()).isEqualTo(25);
        assertThat(first.progress().copied()).isEqualTo(25);
        assertThat(Digests.of(Mailboxes.MAIN, DST, "INBOX")).isEqualTo(Digests.of(Mailboxes.SECOND, SRC, "INBOX"));

        JobView second = run();

        assertThat(second.state()).isEqualTo(JobState.FINISHED);
        assertThat(second.progress().copied()).isZero();
        assertThat(second.progress().present()).isEqualTo(25);
        assertThat(Digests.of(Mailboxes.MAIN, DST, "INBOX")).hasSize(25);
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT pair_key) FROM migration_jobs", Integer.class)).isEqualTo(1);
    }
}
