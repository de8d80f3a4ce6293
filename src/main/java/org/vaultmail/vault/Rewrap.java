package org.vaultmail.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One rewrap pass over one sealed column: keyset-paginated batches of rows not under the primary,
 * each written back with a compare-and-set on (key id, ciphertext) in one transaction per batch.
 */
final class Rewrap {

    private record Row(Object id, byte[] ciphertext, long keyId, @Nullable Object owner) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Vault vault;
    private final RewrapOptions options;
    private final Throttle throttle;
    final List<String> failures = new ArrayList<>();
    long rewrapped;
    long skipped;
    long failed;

    private final Runnable beforeWrite;

    Rewrap(JdbcTemplate jdbc, TransactionTemplate tx, Vault vault, RewrapOptions options, Runnable beforeWrite) {
        this.beforeWrite = beforeWrite;
        this.jdbc = jdbc;
        this.tx = tx;
        this.vault = vault;
        this.options = options;
        this.throttle = new Throttle(options.maxRowsPerSecond());
    }

    long countNotOn(SealedColumn c, long primary) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + c.table() + " WHERE " + c.keyIdColumn() + " <> ?", Long.class, primary);
        return n == null ? 0 : n;
    }

    void run(SealedColumn c, long total, Consumer<RewrapProgressed> progress) {
        long primary = vault.primaryKeyId();
        String owner = c.ownerColumn() == null ? "NULL" : c.ownerColumn();
        String select = "SELECT " + c.idColumn() + ", " + c.ciphertextColumn() + ", " + c.keyIdColumn() + ", " + owner
                + " FROM " + c.table() + " WHERE " + c.keyIdColumn() + " <> ?";
        String update = "UPDATE " + c.table() + " SET " + c.ciphertextColumn() + " = ?, " + c.keyIdColumn() + " = ?"
                + " WHERE " + c.idColumn() + " = ? AND " + c.keyIdColumn() + " = ? AND " + c.ciphertextColumn() + " = ?";
        Object after = null;
        while (true) {
            List<Row> rows = after == null
                    ? jdbc.query(select + " ORDER BY " + c.idColumn() + " LIMIT ?", Rewrap::row, primary, options.batchSize())
                    : jdbc.query(select + " AND " + c.idColumn() + " > ? ORDER BY " + c.idColumn() + " LIMIT ?",
                            Rewrap::row, primary, after, options.batchSize());
            if (rows.isEmpty()) return;
            after = rows.getLast().id();
            List<Object[]> writes = new ArrayList<>();
            for (Row r : rows) {
                try (Secret plain = vault.unseal(c.purpose(), c.location(r.id(), r.owner()), r.ciphertext())) {
                    Sealed sealed = vault.seal(c.purpose(), c.location(r.id(), r.owner()), plain);
                    writes.add(new Object[] {sealed.ciphertext(), sealed.keyId(), r.id(), r.keyId(), r.ciphertext()});
                } catch (VaultException e) {
                    failed++;
                    if (failures.size() < 100) failures.add(e.getMessage());
                }
            }
            beforeWrite.run();
            int[][] counts = writes.isEmpty() ? new int[0][] : tx.execute(status -> jdbc.batchUpdate(update, writes, writes.size(), (ps, w) -> {
                for (int i = 0; i < w.length; i++) ps.setObject(i + 1, w[i]);
            }));
            long won = 0;
            if (counts != null) {
                for (int[] batch : counts) for (int n : batch) won += n > 0 ? 1 : 0;
            }
            rewrapped += won;
            skipped += writes.size() - won;
            throttle.took(rows.size());
            progress.accept(new RewrapProgressed(c.qualifiedName(), rewrapped, skipped, failed, total, throttle.rate()));
        }
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getObject(1), rs.getBytes(2), rs.getLong(3), rs.getObject(4));
    }

    /** Sleeps so that the average stays at or under the configured rows per second. */
    private static final class Throttle {
        private final double maxPerSecond;
        private final long start = System.nanoTime();
        private long rows;

        Throttle(double maxPerSecond) {
            this.maxPerSecond = maxPerSecond;
        }

        void took(int n) {
            rows += n;
            if (maxPerSecond <= 0) return;
            long due = start + (long) (rows / maxPerSecond * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VaultException("rewrap interrupted");
                }
            }
        }

        double rate() {
            double seconds = (System.nanoTime() - start) / 1e9;
            return seconds <= 0 ? 0 : rows / seconds;
        }
    }
}
