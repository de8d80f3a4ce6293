package org.vaultmail.migrate.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationError;
import org.vaultmail.migrate.Progress;
import org.vaultmail.vault.Sealed;

import static org.vaultmail.migrate.jobs.Times.at;

/**
 * The job's state machine on {@code migration_jobs} as conditional UPDATEs (STYLE #16): each answers whether it
 * happened, so two nodes, a node and the CLI, or a runner and a user's cancel change a row once.
 *
 * <pre>
 * queued --claim--> running --end--> finished | failed | cancelled   (credentials set to NULL in the same UPDATE)
 *   |  \--pause/cancel at once       |--checkpoint (pause)--> paused --resume--> queued
 *   |                                |--unreachable--> queued (not_before, unreachable_runs + 1)
 *   \<-- lease ran out: claimable again by any node (running, lease_until in the past)
 * </pre>
 *
 * <p>Why this is long: one short conditional UPDATE per transition of the diagram above (STYLE #16); kept together so
 * that the diagram and every statement that implements it are read at once.
 */
class JobRows {

    /** A job that may be claimable (as read; the claim decides). */
    record Candidate(String id, String sourceHost, String destinationHost) {
    }

    /**
     * What a run needs: the row, the destination's ciphertext and the source's: its ciphertext, or for an OAuth source
     * (ADR 0046) the grant it logs in with.
     */
    record Claimed(JobRow row, byte @Nullable [] source, @Nullable Long sourceGrant, byte[] destination) {
    }

    /** An ended job that still names its OAuth grant: the grant is to be deleted (and revoked), then forgotten. */
    record HeldGrant(String jobId, long grantId) {
    }

    private final JdbcTemplate jdbc;

    JobRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, @Nullable Long owner, String createdBy, String sourceServer, String sourceLogin,
                String destinationServer, String destinationLogin, String sourceHost, String destinationHost,
                String pairKey, String options, Sealed source, Sealed destination, Instant now) {
        insert(id, owner, createdBy, sourceServer, sourceLogin, destinationServer, destinationLogin, sourceHost,
                destinationHost, pairKey, options, source, null, destination, now);
    }

    /** A job whose source is sealed credentials, or ({@code source} null) the OAuth grant {@code sourceGrant}. */
    void insert(String id, @Nullable Long owner, String createdBy, String sourceServer, String sourceLogin,
                String destinationServer, String destinationLogin, String sourceHost, String destinationHost,
                String pairKey, String options, @Nullable Sealed source, @Nullable Long sourceGrant, Sealed destination,
                Instant now) {
        if ((source == null) == (sourceGrant == null)) throw new IllegalArgumentException("a source login or a grant");
        jdbc.update("""
                INSERT INTO migration_jobs (id, owner_user_id, created_by, source_server, source_login, destination_server,
                       destination_login, source_host, destination_host, pair_key, source_credentials,
                       source_credentials_key_id, source_grant_id, destination_credentials, destination_credentials_key_id,
                       options, state, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)""",
                id, owner, createdBy, sourceServer, sourceLogin, destinationServer, destinationLogin, sourceHost,
                destinationHost, pairKey, source == null ? null : source.ciphertext(), source == null ? null : source.keyId(),
                sourceGrant, destination.ciphertext(), destination.keyId(), options, at(now), at(now));
    }

    /** Ended jobs that still name a grant (normally none: the run deletes it right after the ending UPDATE). */
    List<HeldGrant> endedWithGrant(int limit) {
        return jdbc.query("""
                SELECT id, source_grant_id FROM migration_jobs
                 WHERE source_grant_id IS NOT NULL AND state IN ('finished', 'failed', 'cancelled') ORDER BY id LIMIT ?""",
                (rs, n) -> new HeldGrant(rs.getString(1), rs.getLong(2)), limit);
    }

    Optional<Long> grantOf(String id) {
        return jdbc.query("SELECT source_grant_id FROM migration_jobs WHERE id = ? AND source_grant_id IS NOT NULL",
                (rs, n) -> rs.getLong(1), id).stream().findFirst();
    }

    /** The grant is deleted: the ended job forgets it. */
    void grantDeleted(String id, long grantId) {
        jdbc.update("UPDATE migration_jobs SET source_grant_id = NULL WHERE id = ? AND source_grant_id = ?", id, grantId);
    }

    Optional<JobRow> find(String id) {
        return jdbc.query("SELECT " + JobRow.COLUMNS + " FROM migration_jobs WHERE id = ?", JobRow::of, id)
                .stream().findFirst();
    }

    /** Newest first; {@code owner} null: every job (operators). */
    List<JobRow> list(@Nullable Long owner, int limit) {
        return owner == null
                ? jdbc.query("SELECT " + JobRow.COLUMNS + " FROM migration_jobs ORDER BY created_at DESC, id LIMIT ?",
                        JobRow::of, limit)
                : jdbc.query("SELECT " + JobRow.COLUMNS + " FROM migration_jobs WHERE owner_user_id = ?"
                        + " ORDER BY created_at DESC, id LIMIT ?", JobRow::of, owner, limit);
    }

    List<FolderReport> folders(String id) {
        return jdbc.query("""
                SELECT source_folder, destination_folder, source_count, destination_count, copied, present, failed,
                       flags_not_settable, removed, bytes, notes FROM migration_job_folders WHERE job_id = ? ORDER BY position""",
                (rs, n) -> new FolderReport(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), 0, rs.getLong(10),
                        NotesJson.read(rs.getString(11))), id);
    }

    List<MigrationError> errors(String id, int limit) {
        return jdbc.query("""
                SELECT source_folder, source_uid, reason, at FROM migration_errors WHERE job_id = ? ORDER BY id LIMIT ?""",
                (rs, n) -> new MigrationError(rs.getString(1), rs.getLong(2), rs.getString(3),
                        java.util.Objects.requireNonNull(Times.instant(rs, "at"))), id, limit);
    }

    /** Queued jobs due now and running jobs whose lease ran out, oldest first. */
    List<Candidate> due(Instant now, int limit) {
        return jdbc.query("""
                SELECT id, source_host, destination_host FROM migration_jobs
                 WHERE (state = 'queued' AND (not_before IS NULL OR not_before <= ?))
                    OR (state = 'running' AND lease_until < ?)
                 ORDER BY created_at, id LIMIT ?""",
                (rs, n) -> new Candidate(rs.getString(1), rs.getString(2), rs.getString(3)), at(now), at(now), limit);
    }

    /** Serialises claims from all nodes for the rest of the caller's transaction (V46). */
    void lockClaims() {
        jdbc.queryForList("SELECT id FROM migration_claim_lock WHERE id = 1 FOR UPDATE");
    }

    /** Running jobs with a live lease, other than {@code exceptId}, that use {@code host} on either side. */
    int runningOn(String host, String exceptId, Instant now) {
        Integer n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM migration_jobs WHERE state = 'running' AND lease_until >= ? AND id <> ?
                   AND (source_host = ? OR destination_host = ?)""", Integer.class, at(now), exceptId, host, host);
        return n == null ? 0 : n;
    }

    /**
     * queued (due) or running-with-lease-run-out → running under {@code owner}'s lease. {@code anyQueued}: the CLI
     * runs a job now, also a paused one or one waiting for its backoff.
     */
    boolean claim(String id, String owner, Instant now, Instant leaseUntil, boolean anyQueued) {
        String queued = anyQueued ? "state IN ('queued', 'paused')" : "(state = 'queued' AND (not_before IS NULL OR not_before <= ?))";
        String sql = """
                UPDATE migration_jobs SET state = 'running', lease_owner = ?, lease_until = ?, runs = runs + 1,
                       not_before = NULL, started_at = COALESCE(started_at, ?), error = NULL, updated_at = ?
                 WHERE id = ? AND (%s OR (state = 'running' AND lease_until < ?))""".formatted(queued);
        return anyQueued
                ? jdbc.update(sql, owner, at(leaseUntil), at(now), at(now), id, at(now)) == 1
                : jdbc.update(sql, owner, at(leaseUntil), at(now), at(now), id, at(now), at(now)) == 1;
    }

    Optional<Claimed> claimed(String id, String owner) {
        return jdbc.query("SELECT " + JobRow.COLUMNS + ", source_credentials, source_grant_id, destination_credentials"
                        + " FROM migration_jobs WHERE id = ? AND state = 'running' AND lease_owner = ?"
                        + " AND (source_credentials IS NOT NULL OR source_grant_id IS NOT NULL)"
                        + " AND destination_credentials IS NOT NULL",
                (rs, n) -> {
                    long grant = rs.getLong("source_grant_id");
                    Long sourceGrant = rs.wasNull() ? null : grant;
                    return new Claimed(JobRow.of(rs, n), rs.getBytes("source_credentials"), sourceGrant,
                            rs.getBytes("destination_credentials"));
                }, id, owner).stream().findFirst();
    }

    /**
     * The heartbeat: counters written and the lease renewed in one UPDATE, if the job is still ours. Returns the
     * pending request ({@code pause}, {@code cancel} or "") or empty when the lease is lost.
     */
    Optional<String> heartbeat(String id, String owner, Progress p, Instant now, Instant leaseUntil) {
        int n = jdbc.update("""
                UPDATE migration_jobs SET folders_done = ?, folders_total = ?, messages_done = ?, messages_total = ?,
                       bytes_done = ?, bytes_total = ?, copied = ?, present = ?, failed = ?, bytes_copied = ?,
                       rate_per_second = ?, lease_until = ?, updated_at = ?
                 WHERE id = ? AND state = 'running' AND lease_owner = ? AND lease_until > ?""",
                p.foldersDone(), p.foldersTotal(), p.messagesDone(), p.messagesTotal(), p.bytesDone(), p.bytesTotal(),
                p.copied(), p.present(), p.failed(), p.bytesCopied(), p.ratePerSecond(), at(leaseUntil), at(now), id,
                owner, at(now));
        if (n != 1) return Optional.empty();
        String requested = jdbc.queryForObject("SELECT requested FROM migration_jobs WHERE id = ?", String.class, id);
        return Optional.of(requested == null ? "" : requested);
    }

    /** running → finished | failed | cancelled, credentials (ciphertext and key ids) deleted in the same UPDATE. */
    boolean end(String id, String owner, String state, @Nullable String error, Instant now) {
        return jdbc.update("""
                UPDATE migration_jobs SET state = ?, error = ?, requested = NULL, lease_owner = NULL, lease_until = NULL,
                       source_credentials = NULL, source_credentials_key_id = NULL, destination_credentials = NULL,
                       destination_credentials_key_id = NULL, finished_at = ?, rate_per_second = NULL, updated_at = ?
                 WHERE id = ? AND state = 'running' AND lease_owner = ?""",
                state, error, at(now), at(now), id, owner) == 1;
    }

    /** running → paused at a checkpoint (the credentials stay: it resumes). */
    boolean paused(String id, String owner, Instant now) {
        return jdbc.update("""
                UPDATE migration_jobs SET state = 'paused', requested = NULL, lease_owner = NULL, lease_until = NULL,
                       rate_per_second = NULL, updated_at = ?
                 WHERE id = ? AND state = 'running' AND lease_owner = ?""", at(now), id, owner) == 1;
    }

    /** running → queued after a server was unreachable: tried again from {@code notBefore}. */
    boolean retryLater(String id, String owner, Instant notBefore, String error, Instant now) {
        return jdbc.update("""
                UPDATE migration_jobs SET state = 'queued', not_before = ?, unreachable_runs = unreachable_runs + 1,
                       error = ?, lease_owner = NULL, lease_until = NULL, rate_per_second = NULL, updated_at = ?
                 WHERE id = ? AND state = 'running' AND lease_owner = ?""", at(notBefore), error, at(now), id, owner) == 1;
    }

    /** A run got as far as connecting to both servers: the unreachable streak ends. */
    void reachable(String id, String owner) {
        jdbc.update("UPDATE migration_jobs SET unreachable_runs = 0 WHERE id = ? AND lease_owner = ?", id, owner);
    }

    /** queued|paused → cancelled at once (nobody runs it), credentials deleted. */
    boolean cancelIdle(String id, Instant now) {
        return jdbc.update("""
                UPDATE migration_jobs SET state = 'cancelled', requested = NULL, source_credentials = NULL,
                       source_credentials_key_id = NULL, destination_credentials = NULL,
                       destination_credentials_key_id = NULL, finished_at = ?, updated_at = ?
                 WHERE id = ? AND state IN ('queued', 'paused')""", at(now), at(now), id) == 1;
    }

    /** running: asks its runner to stop at the next checkpoint ({@code pause} or {@code cancel}; cancel wins). */
    boolean request(String id, String what, Instant now) {
        String condition = what.equals("cancel") ? "" : " AND requested IS NULL";
        return jdbc.update("UPDATE migration_jobs SET requested = ?, updated_at = ? WHERE id = ? AND state = 'running'"
                + condition, what, at(now), id) == 1;
    }

    /** queued → paused at once. */
    boolean pauseQueued(String id, Instant now) {
        return jdbc.update("UPDATE migration_jobs SET state = 'paused', updated_at = ? WHERE id = ? AND state = 'queued'",
                at(now), id) == 1;
    }

    /** paused → queued; or a running job's pause request withdrawn. */
    boolean resume(String id, Instant now) {
        return jdbc.update("""
                UPDATE migration_jobs SET state = 'queued', not_before = NULL, unreachable_runs = 0, updated_at = ?
                 WHERE id = ? AND state = 'paused'""", at(now), id) == 1
                || jdbc.update("""
                UPDATE migration_jobs SET requested = NULL, updated_at = ?
                 WHERE id = ? AND state = 'running' AND requested = 'pause'""", at(now), id) == 1;
    }

    /** The report's folder rows, one UPDATE (or INSERT for a new position) each. */
    void folders(String id, List<FolderRow> rows) {
        for (FolderRow r : rows) {
            FolderReport f = r.report();
            int n = jdbc.update("""
                    UPDATE migration_job_folders SET source_folder = ?, destination_folder = ?, state = ?, source_count = ?,
                           destination_count = ?, copied = ?, present = ?, failed = ?, flags_not_settable = ?, removed = ?,
                           bytes = ?, notes = ?
                     WHERE job_id = ? AND position = ?""", f.source(), f.destination(), r.state(), f.sourceCount(),
                    f.destinationCount(), f.copied(), f.present(), f.failed(), f.flagsNotSettable(), f.removed(),
                    f.bytes(), NotesJson.write(f.notes()), id, r.position());
            if (n == 0) {
                jdbc.update("""
                        INSERT INTO migration_job_folders (job_id, position, source_folder, destination_folder, state,
                               source_count, destination_count, copied, present, failed, flags_not_settable, removed, bytes,
                               notes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, r.position(), f.source(), f.destination(),
                        r.state(), f.sourceCount(), f.destinationCount(), f.copied(), f.present(), f.failed(),
                        f.flagsNotSettable(), f.removed(), f.bytes(), NotesJson.write(f.notes()));
            }
        }
    }

    void errors(String id, List<MigrationError> errors) {
        if (errors.isEmpty()) return;
        jdbc.batchUpdate("INSERT INTO migration_errors (job_id, source_folder, source_uid, reason, at) VALUES (?, ?, ?, ?, ?)",
                errors, errors.size(), (ps, e) -> {
                    ps.setString(1, id);
                    ps.setString(2, e.sourceFolder());
                    ps.setLong(3, e.sourceUid());
                    ps.setString(4, e.reason().length() > 500 ? e.reason().substring(0, 500) : e.reason());
                    ps.setObject(5, at(e.at()));
                });
    }

    /** The owner's sign-in address (the end-of-job mail goes there). */
    Optional<String> ownerAddress(long userId) {
        return jdbc.queryForList("SELECT address FROM users WHERE id = ?", String.class, userId).stream().findFirst();
    }

    /** A folder row of the report: its position (the plan's order) and state. */
    record FolderRow(int position, String state, FolderReport report) {
    }
}
