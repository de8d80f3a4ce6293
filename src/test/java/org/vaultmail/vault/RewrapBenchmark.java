package org.vaultmail.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/**
 * Rewrap throughput: seeds N sealed rows in a fresh schema, rotates the data key, then times
 * {@code keys rewrap} converting all of them. {@code bench/rewrap.sh [postgres|h2] [rows] [batch]}.
 */
public final class RewrapBenchmark {

    private RewrapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TestDatabase.Kind kind = args.length > 0 && args[0].equalsIgnoreCase("h2") ? TestDatabase.Kind.H2 : TestDatabase.Kind.POSTGRES;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : RewrapOptions.DEFAULT_BATCH_SIZE;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Files.createTempDirectory("vaultmail-rewrap-bench");
        for (int run = 1; run <= runs; run++) {
            try (TestDatabase db = TestDatabase.create(kind, dir.resolve("run" + run));
                 ConfigurableApplicationContext node = VaultmailNode.start(db, List.of(), SealedRows.class)) {
                JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
                Vault vault = node.getBean(Vault.class);
                KeyManagement keys = node.getBean(KeyManagement.class);
                SealedRows.createTable(jdbc);
                for (int from = 1; from <= rows; from += 10_000) {
                    SealedRows.seed(vault, jdbc, from, Math.min(10_000, rows - from + 1));
                }
                jdbc.execute(kind == TestDatabase.Kind.POSTGRES ? "VACUUM ANALYZE vault_test_secret" : "ANALYZE");
                keys.rotate();
                long start = System.nanoTime();
                RewrapFinished done = keys.rewrap(new RewrapOptions(batch, 0), p -> { });
                double seconds = (System.nanoTime() - start) / 1e9;
                if (done.rewrapped() != rows || done.failed() != 0) {
                    throw new IllegalStateException("rewrap converted " + done.rewrapped() + " of " + rows
                            + " rows, " + done.failed() + " failed");
                }
                SealedRows.assertAllDecrypt(vault, jdbc, rows);
                System.out.printf("RESULT %s run %d: %d rows, batch %d, %.2f s, %.0f rows/s%n",
                        db, run, rows, batch, seconds, rows / seconds);
            }
        }
    }
}
