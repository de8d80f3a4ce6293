package org.vaultmail.migrate.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One run's hold on its job row: renewed by the heartbeat and, inside the same transaction, before every APPEND is
 * sent ({@link JdbcSyncState#beginAppend}), so an APPEND is only sent by the process whose lease is alive (ADR 0042).
 */
record JobLease(String jobId, String owner, Duration duration, Clock clock) {

    /** Extends the lease if it is still ours and alive; false when it ran out or another process took the job. */
    boolean renew(JdbcTemplate jdbc) {
        Instant now = clock.instant();
        return jdbc.update("""
                UPDATE migration_jobs SET lease_until = ?, updated_at = ?
                 WHERE id = ? AND state = 'running' AND lease_owner = ? AND lease_until > ?""",
                Times.at(now.plus(duration)), Times.at(now), jobId, owner, Times.at(now)) == 1;
    }

    /** Thrown (unchecked: the engine's ports declare no such exception) when the lease is gone; the run stops. */
    static final class Lost extends RuntimeException {
        Lost(String jobId) {
            super("job " + jobId + ": lease lost (another process runs it now)");
        }
    }
}
