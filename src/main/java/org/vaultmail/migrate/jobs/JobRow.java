package org.vaultmail.migrate.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.Progress;

/** One {@code migration_jobs} row as read, without its ciphertext (only whether it is still held). */
record JobRow(String id, @Nullable Long ownerUserId, String createdBy, String sourceServer, String sourceLogin,
              String destinationServer, String destinationLogin, String sourceHost, String destinationHost,
              String pairKey, String options, JobState state, @Nullable String requested, @Nullable String leaseOwner,
              @Nullable Instant leaseUntil, int runs, int unreachableRuns, Progress progress, @Nullable String error,
              Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, boolean credentialsHeld) {

    static final String COLUMNS = """
            id, owner_user_id, created_by, source_server, source_login, destination_server, destination_login,
            source_host, destination_host, pair_key, options, state, requested, lease_owner, lease_until, runs,
            unreachable_runs, folders_done, folders_total, messages_done, messages_total, bytes_done, bytes_total, copied,
            present, failed, bytes_copied, rate_per_second, error, created_at, started_at, finished_at,
            (source_credentials IS NOT NULL OR destination_credentials IS NOT NULL OR source_grant_id IS NOT NULL) AS held""";

    static JobRow of(ResultSet rs, int n) throws SQLException {
        long owner = rs.getLong("owner_user_id");
        Long ownerId = rs.wasNull() ? null : owner;
        double rate = rs.getDouble("rate_per_second");
        Double ratePerSecond = rs.wasNull() ? null : rate;
        long messagesDone = rs.getLong("messages_done");
        long messagesTotal = rs.getLong("messages_total");
        Long eta = ratePerSecond == null || ratePerSecond <= 0 || messagesTotal <= messagesDone ? null
                : (long) Math.ceil((messagesTotal - messagesDone) / ratePerSecond);
        Progress progress = new Progress(rs.getInt("folders_done"), rs.getInt("folders_total"), messagesDone,
                messagesTotal, rs.getLong("bytes_done"), rs.getLong("bytes_total"), rs.getLong("copied"),
                rs.getLong("present"), rs.getLong("failed"), rs.getLong("bytes_copied"), ratePerSecond, eta);
        return new JobRow(rs.getString("id"), ownerId, rs.getString("created_by"), rs.getString("source_server"),
                rs.getString("source_login"), rs.getString("destination_server"), rs.getString("destination_login"),
                rs.getString("source_host"), rs.getString("destination_host"), rs.getString("pair_key"),
                rs.getString("options"), JobState.of(rs.getString("state")), rs.getString("requested"),
                rs.getString("lease_owner"), Times.instant(rs, "lease_until"), rs.getInt("runs"),
                rs.getInt("unreachable_runs"), progress, rs.getString("error"),
                java.util.Objects.requireNonNull(Times.instant(rs, "created_at")), Times.instant(rs, "started_at"),
                Times.instant(rs, "finished_at"), rs.getBoolean("held"));
    }
}
