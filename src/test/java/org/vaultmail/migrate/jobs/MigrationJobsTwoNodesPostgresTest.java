package org.vaultmail.migrate.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.migrate.engine.SyncState;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;
import org.vaultmail.vault.Secret;

/**
 * Two nodes on one PostgreSQL schema (each its own context and pool) share the queue: their claims race all the time
 * and never run one job twice, the per-host cap holds over both, a dead node's job is taken over when its lease runs
 * out, and a node whose lease was taken stops at once (its APPENDs refused by the sync state).
 */
@Tag("postgres")
@Tag("dovecot")
class MigrationJobsTwoNodesPostgresTest {

    static final String SRC = "mig-kill-src@example.test";
    static final String DST = "mig-kill-dst@example.test";

    @TempDir
    static Path dir;
    static TestDatabase db;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static MigrationJobs jobs;
    static JobRunner runnerA;
    static JobRunner runnerB;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        DovecotFixture dovecot = DovecotFixture.get();
        db = TestDatabase.create(TestDatabase.Kind.POSTGRES, dir);
        nodeA = VaultmailNode.start(db, args(dovecot, "node-a"), FakeEngine.Config.class);
        nodeB = VaultmailNode.start(db, args(dovecot, "node-b"), FakeEngine.Config.class);
        jobs = nodeA.getBean(MigrationJobs.class);
        runnerA = nodeA.getBean(JobRunner.class);
        runnerB = nodeB.getBean(JobRunner.class);
        jdbc = nodeA.getBean(JdbcTemplate.class);
    }

    static List<String> args(DovecotFixture dovecot, String nodeId) {
        List<String> args = new ArrayList<>();
        dovecot.domainProperties(0).forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of("--vaultmail.migrate.node-id=" + nodeId, "--vaultmail.migrate.max-jobs-per-node=2",
                "--vaultmail.migrate.max-jobs-per-host=3", "--vaultmail.migrate.lease=2s",
                "--vaultmail.migrate.login-tests-per-hour=0"));
        return args;
    }

    @AfterAll
    static void stop() {
        if (nodeA != null) nodeA.close();
        if (nodeB != null) nodeB.close();
        if (db != null) db.close();
    }

    @BeforeEach
    void reset() {
        FakeEngine.reset();
    }

    static JobView job(String mark) throws Exception {
        return Retry.created(() -> jobOnce(mark));
    }

    static JobView jobOnce(String mark) throws MigrationRefused {
        try (NewJob j = new NewJob(new ServerLogin("example.test", SRC, Secret.ofUtf8("mig-kill-src-pass")),
                new ServerLogin("example.test", DST, Secret.ofUtf8("mig-kill-dst-pass")),
                MigrationOptions.defaults().withFolders(List.of(mark), List.of()))) {
            return jobs.create(j, Requester.operator("test", null));
        }
    }

    static Map<String, Object> row(String id) {
        return jdbc.queryForMap("SELECT * FROM migration_jobs WHERE id = ?", id);
    }

    @Test
    void twoNodesPollingTogetherRunEachJobOnceAndHoldThePerHostCap() throws Exception {
        FakeEngine.delay = Duration.ofMillis(60);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) ids.add(job(FakeEngine.NO_MAIL + "-race-" + i).id());

        List<Thread> pollers = new ArrayList<>();
        for (JobRunner r : List.of(runnerA, runnerB)) {
            pollers.add(Thread.ofVirtual().start(() -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < end && ids.stream().anyMatch(id -> !"finished".equals(row(id).get("state")))) {
                    r.poll();
                    try {
                        Thread.sleep(5); // the runner's poll interval: this loop does the work
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread t : pollers) t.join();

        assertThat(ids).allSatisfy(id -> assertThat(row(id).get("state")).isEqualTo("finished"));
        assertThat(FakeEngine.runs).filteredOn(m -> m.contains("-race-")).hasSize(8).doesNotHaveDuplicates();
        assertThat(FakeEngine.overlaps.get()).isZero();
        assertThat(FakeEngine.maxConcurrent.get()).as("max-jobs-per-host over both nodes").isBetween(2, 3);
        assertThat(ids).allSatisfy(id -> assertThat(row(id).get("runs")).isEqualTo(1));
    }

    @Test
    void aDeadNodesJobIsTakenOverWhenItsLeaseRunsOut() throws Exception {
        String id = job(FakeEngine.NO_MAIL + "-takeover").id();
        jdbc.update("UPDATE migration_jobs SET state = 'running', lease_owner = 'dead-node', runs = 1,"
                + " lease_until = CURRENT_TIMESTAMP + INTERVAL '2 seconds' WHERE id = ?", id);
        assertThat(runnerB.poll()).as("the lease is still alive").isEmpty();

        Thread.sleep(2500); // the dead node's 2 s lease runs out
        runnerB.pollAndWait(30);

        assertThat(row(id).get("state")).isEqualTo("finished");
        assertThat(row(id).get("runs")).isEqualTo(2);
        assertThat(FakeEngine.runs).containsExactly(FakeEngine.NO_MAIL + "-takeover");
    }

    @Test
    void aNodeWhoseLeaseWasTakenStopsAtOnceAndLeavesTheJobToTheOther() throws Exception {
        FakeEngine.delay = Duration.ofMillis(500);
        String id = job(FakeEngine.NO_MAIL + "-lost").id();
        List<Future<?>> run = runnerA.poll();
        assertThat(run).hasSize(1);
        Await.until("running on A", Duration.ofSeconds(10), () -> "node-a".equals(row(id).get("lease_owner")));

        jdbc.update("UPDATE migration_jobs SET lease_owner = 'node-thief' WHERE id = ?", id); // as if A's lease had run out and been claimed
        long start = System.nanoTime();
        run.getFirst().get(10, TimeUnit.SECONDS);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("stopped within a heartbeat or two").isLessThan(4000);
        Map<String, Object> row = row(id);
        assertThat(row.get("state")).isEqualTo("running");
        assertThat(row.get("lease_owner")).isEqualTo("node-thief");
        assertThat(row.get("source_credentials")).as("not ended by the node that lost it").isNotNull();
        assertThat(runnerA.running()).isEmpty();
        jdbc.update("UPDATE migration_jobs SET state = 'cancelled', lease_owner = NULL WHERE id = ?", id);
    }

    @Test
    void theSyncStateRefusesAnAppendOnceTheLeaseIsGone() throws Exception {
        String id = job(FakeEngine.NO_MAIL + "-append").id();
        jdbc.update("UPDATE migration_jobs SET state = 'running', lease_owner = 'node-a', lease_until = CURRENT_TIMESTAMP + INTERVAL '1 minute' WHERE id = ?", id);
        TransactionTemplate tx = new TransactionTemplate(nodeA.getBean(PlatformTransactionManager.class));
        String pair = (String) row(id).get("pair_key");
        JdbcSyncState mine = new JdbcSyncState(jdbc, tx, pair, new JobLease(id, "node-a", Duration.ofSeconds(30), Clock.systemUTC()), Clock.systemUTC());
        JdbcSyncState theirs = new JdbcSyncState(jdbc, tx, pair, new JobLease(id, "node-b", Duration.ofSeconds(30), Clock.systemUTC()), Clock.systemUTC());
        long folder = mine.open("INBOX", "INBOX", 1, 1).id();

        mine.beginAppend(folder, 1, List.of(new SyncState.PendingMessage(1, 10, "a")));
        assertThatThrownBy(() -> theirs.beginAppend(folder, 2, List.of(new SyncState.PendingMessage(2, 10, "b"))))
                .isInstanceOf(JobLease.Lost.class);

        assertThat(mine.pending(folder)).singleElement().satisfies(p -> assertThat(p.messages()).extracting(SyncState.PendingMessage::uid).containsExactly(1L));
        jdbc.update("UPDATE migration_jobs SET state = 'cancelled', lease_owner = NULL WHERE id = ?", id);
    }
}
