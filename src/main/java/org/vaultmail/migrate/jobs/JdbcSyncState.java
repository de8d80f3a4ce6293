package org.vaultmail.migrate.jobs;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.migrate.engine.SyncState;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SyncState} on {@code migration_folder_state}, {@code migration_copied} and {@code migration_pending} for one
 * pair (ADR 0041, 0042). Each method is one transaction; copied rows go in as JDBC batches. With a {@link JobLease},
 * {@link #beginAppend} also renews the run's lease in its transaction and refuses once the lease is gone, so two
 * processes never both send an APPEND for one job.
 */
public final class JdbcSyncState implements SyncState {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String pairKey;
    private final @Nullable JobLease lease;
    private final Clock clock;
    private long lastBatchId;

    JdbcSyncState(JdbcTemplate jdbc, TransactionTemplate tx, String pairKey, @Nullable JobLease lease, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.pairKey = pairKey;
        this.lease = lease;
        this.clock = clock;
    }

    /** The state of {@code pairKey} without a lease (tests, tools). */
    public static JdbcSyncState of(JdbcTemplate jdbc, TransactionTemplate tx, String pairKey) {
        return new JdbcSyncState(jdbc, tx, pairKey, null, Clock.systemUTC());
    }

    @Override
    public Optional<FolderState> folder(String sourceFolder) {
        return jdbc.query("""
                SELECT id, source_folder, destination_folder, source_uidvalidity, destination_uidvalidity, highest_modseq,
                       uid_next, message_count FROM migration_folder_state WHERE pair_key = ? AND source_folder = ?""",
                (rs, n) -> new FolderState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8)), pairKey, sourceFolder).stream().findFirst();
    }

    @Override
    public FolderState open(String sourceFolder, String destinationFolder, long sourceUidValidity,
                            long destinationUidValidity) {
        return inTx(() -> {
            Optional<FolderState> old = folder(sourceFolder);
            if (old.isPresent() && old.get().sourceUidValidity() == sourceUidValidity
                    && old.get().destinationUidValidity() == destinationUidValidity
                    && old.get().destinationFolder().equals(destinationFolder)) {
                return old.get();
            }
            if (old.isPresent()) { // UIDs no longer name the same messages: what was recorded is void
                long id = old.get().id();
                jdbc.update("DELETE FROM migration_copied WHERE folder_state_id = ?", id);
                jdbc.update("DELETE FROM migration_pending WHERE folder_state_id = ?", id);
                jdbc.update("""
                        UPDATE migration_folder_state SET destination_folder = ?, source_uidvalidity = ?,
                               destination_uidvalidity = ?, highest_modseq = 0, uid_next = 0, message_count = 0, updated_at = ?
                         WHERE id = ?""", destinationFolder, sourceUidValidity, destinationUidValidity, now(), id);
            } else {
                jdbc.update("""
                        INSERT INTO migration_folder_state (pair_key, source_folder, destination_folder, source_uidvalidity,
                                                            destination_uidvalidity, updated_at) VALUES (?, ?, ?, ?, ?, ?)""",
                        pairKey, sourceFolder, destinationFolder, sourceUidValidity, destinationUidValidity, now());
            }
            return folder(sourceFolder).orElseThrow();
        });
    }

    @Override
    public void passCompleted(long folderStateId, long highestModSeq, long uidNext, long messageCount) {
        inTx(() -> jdbc.update("""
                UPDATE migration_folder_state SET highest_modseq = ?, uid_next = ?, message_count = ?, updated_at = ?
                 WHERE id = ? AND pair_key = ?""", highestModSeq, uidNext, messageCount, now(), folderStateId, pairKey));
    }

    @Override
    public Map<Long, Long> copied(long folderStateId) {
        Map<Long, Long> out = new TreeMap<>();
        jdbc.query("SELECT source_uid, destination_uid FROM migration_copied WHERE folder_state_id = ?",
                rs -> {
                    out.put(rs.getLong(1), rs.getLong(2));
                }, folderStateId);
        return out;
    }

    @Override
    public long beginAppend(long folderStateId, long destinationUidNext, List<PendingMessage> messages) {
        long batch = nextBatchId();
        String json = JSON.writeValueAsString(messages.stream()
                .map(m -> Map.of("uid", m.uid(), "size", m.size(), "fingerprint", m.fingerprint())).toList());
        return inTx(() -> {
            if (lease != null && !lease.renew(jdbc)) throw new JobLease.Lost(lease.jobId());
            jdbc.update("""
                    INSERT INTO migration_pending (folder_state_id, batch_id, destination_uid_next, messages, created_at)
                    VALUES (?, ?, ?, ?, ?)""", folderStateId, batch, destinationUidNext, json, now());
            return batch;
        });
    }

    @Override
    public void appended(long folderStateId, long batchId, Map<Long, Long> sourceToDestinationUid) {
        inTx(() -> {
            List<Map.Entry<Long, Long>> rows = new ArrayList<>(sourceToDestinationUid.entrySet());
            for (int from = 0; from < rows.size(); from += BATCH) {
                List<Map.Entry<Long, Long>> part = rows.subList(from, Math.min(rows.size(), from + BATCH));
                // a batch resolved after a crash may name UIDs recorded already: those stay as they are
                jdbc.batchUpdate("""
                        INSERT INTO migration_copied (folder_state_id, source_uid, destination_uid) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""", new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        ps.setLong(1, folderStateId);
                        ps.setLong(2, part.get(i).getKey());
                        ps.setLong(3, part.get(i).getValue());
                    }

                    @Override
                    public int getBatchSize() {
                        return part.size();
                    }
                });
            }
            return jdbc.update("DELETE FROM migration_pending WHERE folder_state_id = ? AND batch_id = ?", folderStateId, batchId);
        });
    }

    @Override
    public void abandoned(long folderStateId, long batchId) {
        inTx(() -> jdbc.update("DELETE FROM migration_pending WHERE folder_state_id = ? AND batch_id = ?", folderStateId, batchId));
    }

    @Override
    public List<PendingAppend> pending(long folderStateId) {
        return jdbc.query("""
                SELECT batch_id, destination_uid_next, messages FROM migration_pending WHERE folder_state_id = ?
                 ORDER BY batch_id""",
                (rs, n) -> new PendingAppend(rs.getLong(1), rs.getLong(2), messages(rs.getString(3))), folderStateId);
    }

    @Override
    public void removed(long folderStateId, Collection<Long> sourceUids) {
        List<Long> uids = List.copyOf(sourceUids);
        inTx(() -> {
            for (int from = 0; from < uids.size(); from += BATCH) {
                List<Long> part = uids.subList(from, Math.min(uids.size(), from + BATCH));
                jdbc.batchUpdate("DELETE FROM migration_copied WHERE folder_state_id = ? AND source_uid = ?",
                        part, part.size(), (ps, uid) -> {
                            ps.setLong(1, folderStateId);
                            ps.setLong(2, uid);
                        });
            }
            return 0;
        });
    }

    /** Increasing within the process and, being time-based, above what an earlier process used. */
    private synchronized long nextBatchId() {
        lastBatchId = Math.max(lastBatchId + 1, clock.millis() * 1000);
        return lastBatchId;
    }

    private static List<PendingMessage> messages(String json) {
        List<Map<String, Object>> raw = JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() { });
        return raw.stream().map(m -> new PendingMessage(((Number) m.get("uid")).longValue(),
                ((Number) m.get("size")).longValue(), String.valueOf(m.get("fingerprint")))).toList();
    }

    private java.time.OffsetDateTime now() {
        return java.util.Objects.requireNonNull(Times.at(clock.instant()));
    }

    private <T> T inTx(java.util.function.Supplier<T> work) {
        return java.util.Objects.requireNonNull(tx.execute(s -> work.get()));
    }
}
