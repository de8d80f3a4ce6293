package org.vaultmail.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log as the command line and the console see it: verify, export, purge. Appends come only from events. */
public final class AuditLog {

    private final AuditChain chain;
    private final AuditVerifier verifier;
    private final JdbcTemplate jdbc;
    /** For export: rows in batches (PostgreSQL streams only inside a transaction with a fetch size). */
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final Clock clock;
    private final Duration retention;
    private final CheckpointPublisher checkpoints;
    private final CheckpointSources sources;

    AuditLog(AuditChain chain, AuditVerifier verifier, CheckpointPublisher checkpoints, CheckpointSources sources, JdbcTemplate jdbc,
             DataSource dataSource, PlatformTransactionManager transactions, Clock clock, Duration retention) {
        this.chain = chain;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.sources = sources;
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(500);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Walks the whole chain (from the last purge's checkpoint), names the first broken link, and compares
     * the database with the checkpoints this server published under its data directory (ADR 0028).
     */
    public ChainVerification verify() {
        return verify(List.of(checkpoints.file().path()), false);
    }

    /** The same, against checkpoint files kept elsewhere; each must exist and hold only this server's checkpoints. */
    public ChainVerification verify(List<Path> checkpointFiles) {
        return verify(checkpointFiles, true);
    }

    private ChainVerification verify(List<Path> files, boolean required) {
        CheckpointSources.Loaded loaded = sources.load(files, required);
        if (loaded.problem() != null) {
            ChainVerification chainOnly = verifier.verify();
            return chainOnly.withCheckpoints(0, loaded.notes(), loaded.problem());
        }
        return verifier.verify(loaded.checkpoints()).withCheckpoints(loaded.checkpoints().size(), loaded.notes(), null);
    }

    /** Where this server publishes its checkpoints. */
    public Path checkpointFile() {
        return checkpoints.file().path();
    }

    /** Publishes a checkpoint of the current head now (the scheduled job, {@code audit checkpoint}); empty when nothing was published. */
    public Optional<String> publishCheckpoint() {
        return checkpoints.publish(Checkpoint.INTERVAL).map(Checkpoint::jsonLine);
    }

    /** Writes every entry at or after {@code since} as one JSON object per line (for SIEMs); returns the count. */
    public long exportJsonLines(Instant since, Writer out) {
        Long n = readOnly.execute(status -> streamJsonLines(since, out));
        return n == null ? 0 : n;
    }

    private long streamJsonLines(Instant since, Writer out) {
        long[] count = {0};
        streaming.query("SELECT * FROM audit_entry WHERE occurred_at >= ? ORDER BY seq", (RowCallbackHandler) rs -> {
            AuditEntry e = AuditChain.read(rs);
            try {
                out.write(jsonLine(e));
                out.write('\n');
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
            count[0]++;
        }, AuditChain.utc(since));
        return count[0];
    }

    /** Entries matching {@code query}, newest first, one page at a time (parameters bound, never spliced). */
    public AuditQuery.Page search(AuditQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        condition(where, args, "actor_id = ?", blankToNull(query.actor()));
        condition(where, args, "action = ?", blankToNull(query.action()));
        condition(where, args, "outcome = ?", blankToNull(query.outcome()));
        condition(where, args, "occurred_at >= ?", query.from() == null ? null : AuditChain.utc(query.from()));
        condition(where, args, "occurred_at < ?", query.to() == null ? null : AuditChain.utc(query.to()));
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry" + where, Long.class, args.toArray());
        int page = Math.max(0, query.page());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(AuditQuery.PAGE_SIZE);
        pageArgs.add((long) page * AuditQuery.PAGE_SIZE);
        List<AuditEntry> entries = jdbc.query("SELECT * FROM audit_entry" + where + " ORDER BY seq DESC LIMIT ? OFFSET ?",
                (rs, i) -> AuditChain.read(rs), pageArgs.toArray());
        return new AuditQuery.Page(entries, total == null ? 0 : total, page);
    }

    /** The distinct actions recorded so far (for the console's filter). */
    public List<String> actions() {
        return jdbc.queryForList("SELECT DISTINCT action FROM audit_entry ORDER BY action", String.class);
    }

    private static void condition(StringBuilder where, List<Object> args, String sql, @Nullable Object value) {
        if (value == null) return;
        where.append(" AND ").append(sql);
        args.add(value);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Deletes entries older than the retention period, keeping a signed checkpoint; returns how many. */
    public long purgeExpired() {
        long n = chain.purge(clock.instant().minus(retention), retention.toDays());
        if (n > 0) checkpoints.publish(Checkpoint.PURGE); // anchors the new, shorter chain outside the database at once
        return n;
    }

    public Duration retention() {
        return retention;
    }

    static String jsonLine(AuditEntry e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", e.seq());
        fields.put("time", e.time().toString());
        fields.put("actor_type", e.actorType().label());
        fields.put("actor_id", e.actorId());
        fields.put("action", e.action());
        fields.put("target", e.target());
        fields.put("client_address", e.clientAddress());
        fields.put("user_agent", e.userAgent());
        fields.put("outcome", e.outcome());
        fields.put("details", new Json.Raw(e.details()));
        fields.put("prev_hash", e.prevHashHex());
        fields.put("hash", e.hashHex());
        return Json.object(fields);
    }
}
