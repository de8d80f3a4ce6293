package org.vaultmail.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/**
 * kill -9 in the middle of a rewrap: a child JVM rewraps slowly, is killed with SIGKILL part-way,
 * and a rerun finishes the job with every row intact, under the primary, wrapped exactly once.
 */
abstract class RewrapKillContract {

    static final int ROWS = 3000;
    static final int KILL_AFTER = 100;

    @TempDir
    Path dataDir;

    TestDatabase db;
    ConfigurableApplicationContext node;
    Process child;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void start() {
        db = TestDatabase.create(kind(), dataDir);
        node = VaultmailNode.start(db, SealedRows.class);
        SealedRows.createTable(node.getBean(JdbcTemplate.class));
    }

    @AfterEach
    void stop() {
        if (child != null) child.destroyForcibly();
        if (node != null) node.close();
        if (db != null) db.close(); // null when the database was not available and the test was skipped
    }

    @Test
    void rewrapKilledWithSigkillMidwayThenRerunLeavesEveryRowIntactUnderThePrimary() throws Exception {
        Vault vault = node.getBean(Vault.class);
        KeyManagement keys = node.getBean(KeyManagement.class);
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        SealedRows.seed(vault, jdbc, 1, ROWS);
        long primary = keys.rotate().newPrimaryKeyId();
        Path log = dataDir.resolve("child.log");

        child = startChild(log);
        long converted = waitUntilConverted(jdbc, primary, KILL_AFTER, log);
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback by the child
        assertThat(child.waitFor(Duration.ofSeconds(30))).isTrue();
        long afterKill = countOn(jdbc, primary);

        System.out.printf("%s: killed the child after %d of %d rows were converted%n", db, afterKill, ROWS);
        assertThat(afterKill).as("killed part-way").isBetween(converted, (long) ROWS - 1);
        SealedRows.assertAllDecrypt(vault, jdbc, ROWS); // half-done state is fully readable

        RewrapFinished rerun = keys.rewrap(new RewrapOptions(200, 0), p -> { });

        assertThat(rerun.rewrapped()).as("the rerun converts exactly the rest").isEqualTo(ROWS - afterKill);
        assertThat(rerun.failed()).isZero();
        assertThat(SealedRows.assertAllDecrypt(vault, jdbc, ROWS)).containsExactly(primary);
    }

    private Process startChild(Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:off", "-Drewrap.batch=20", "-Drewrap.rate=300",
                "-cp", System.getProperty("java.class.path"), RewrapChild.class.getName()));
        command.addAll(db.springArgs());
        command.add("--vaultmail.scheduling.enabled=false");
        command.add("--logging.level.root=warn");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private long waitUntilConverted(JdbcTemplate jdbc, long primary, long atLeast, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            long n = countOn(jdbc, primary);
            if (n >= atLeast) return n;
            if (!child.isAlive()) fail("child exited (" + child.exitValue() + ") before converting " + atLeast + " rows:\n" + Files.readString(log));
            Thread.sleep(20); // no Await: the loop fails with the child's log as soon as the child dies
        }
        return fail("child converted fewer than " + atLeast + " rows in 90 s:\n" + Files.readString(log));
    }

    private static long countOn(JdbcTemplate jdbc, long keyId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM vault_test_secret WHERE key_id = ?", Long.class, keyId);
        return n == null ? 0 : n;
    }
}
