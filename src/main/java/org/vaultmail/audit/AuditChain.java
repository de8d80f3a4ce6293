package org.vaultmail.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to the chain and purges its oldest part. Both lock the single {@code audit_chain} row
 * first ({@code SELECT … FOR UPDATE}), so appends from any number of nodes on one database form one
 * line: nobody reads the head while another node is between reading and moving it.
 */
final class AuditChain {

    static final byte[] GENESIS = new byte[32];

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditKeys keys;
    private final Clock clock;
    private final boolean postgres;

    AuditChain(JdbcClient jdbc, TransactionTemplate tx, AuditKeys keys, Clock clock, boolean postgres) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.keys = keys;
        this.clock = clock;
        this.postgres = postgres;
    }

    record Head(long lastSeq, byte[] lastHash) {
    }

    /** Appends one entry, in the caller's transaction if there is one. */
    AuditEntry append(AuditRecord r) {
        keys.ensureCurrent();
        return tx.execute(status -> {
            Head head = lockHead();
            long seq = head.lastSeq() + 1;
            // milliseconds: what both databases store exactly, so the hash is computed over what is read back
            Instant time = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String details = Json.object(r.details());
            long macKey = AuditKeys.CURRENT;
            byte[] hash = keys.mac(macKey, Canonical.entry(seq, time, r.actorType().label(), r.actorId(), r.action(), r.target(),
                    r.clientAddress(), r.userAgent(), r.outcome(), details, macKey, head.lastHash()));
            jdbc.sql("""
                            INSERT INTO audit_entry (seq, occurred_at, actor_type, actor_id, action, target, client_address,
                                                     user_agent, outcome, details, mac_key, prev_hash, hash)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(seq, utc(time), r.actorType().label(), r.actorId(), r.action(), r.target(), r.clientAddress(),
                            r.userAgent(), r.outcome(), details, macKey, head.lastHash(), hash)
                    .update();
            jdbc.sql("UPDATE audit_chain SET last_seq = ?, last_hash = ?, head_mac = ?, mac_key = ? WHERE id = 1")
                    .params(seq, hash, keys.mac(macKey, Canonical.head(seq, hash)), macKey)
                    .update();
            return new AuditEntry(seq, time, r.actorType(), r.actorId(), r.action(), r.target(), r.clientAddress(),
                    r.userAgent(), r.outcome(), details, macKey, head.lastHash(), hash);
        });
    }

    /**
     * Deletes the entries older than {@code cutoff} and leaves a signed checkpoint (first remaining
     * sequence number, hash before it), so the rest still verifies. The purge is itself a chained entry,
     * appended first in the same transaction and naming the range it removes (ADR 0028); on PostgreSQL the
     * deletion runs in {@code vaultmail_audit_purge}, which checks that entry, because the application's
     * role may not delete audit entries itself. Returns how many were deleted.
     */
    long purge(Instant cutoff, long retentionDays) {
        keys.ensureCurrent();
        Long deleted = tx.execute(status -> {
            lockHead();
            // sequence order is append order; times come from each node's clock, so the cut is by sequence
            Optional<Long> lastOld = jdbc.sql("SELECT MAX(seq) FROM audit_entry WHERE occurred_at < ?")
                    .param(utc(cutoff)).query(Long.class).optional();
            if (lastOld.isEmpty() || lastOld.get() == null) return 0L;
            long through = lastOld.get();
            long from = jdbc.sql("SELECT first_seq FROM audit_chain WHERE id = 1").query(Long.class).single();
            byte[] hashBefore = jdbc.sql("SELECT hash FROM audit_entry WHERE seq = ?").param(through).query(byte[].class).single();
            long count = jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE seq <= ?").param(through).query(Long.class).single();
            AuditEntry purge = append(AuditRecord.of(ActorType.SYSTEM, "retention", "audit.purge", null, "success")
                    .with("deleted", count).with("retention_days", retentionDays).with("from_seq", from)
                    .with("through_seq", through).with("hash_before_first", HexFormat.of().formatHex(hashBefore)));
            long macKey = AuditKeys.CURRENT;
            byte[] checkpointMac = keys.mac(macKey, Canonical.checkpoint(through + 1, hashBefore));
            if (postgres) {
                return jdbc.sql("SELECT vaultmail_audit_purge(?, ?, ?)").params(purge.seq(), through, checkpointMac)
                        .query(Long.class).single();
            }
            // H2 (embedded, one user): nothing in the database can stop its only user; the same steps, unguarded
            long n = jdbc.sql("DELETE FROM audit_entry WHERE seq <= ?").param(through).update();
            jdbc.sql("UPDATE audit_chain SET first_seq = ?, hash_before_first = ?, checkpoint_mac = ?, mac_key = ? WHERE id = 1")
                    .params(through + 1, hashBefore, checkpointMac, macKey)
                    .update();
            return n;
        });
        return deleted == null ? 0 : deleted;
    }

    private Head lockHead() {
        return jdbc.sql("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1 FOR UPDATE")
                .query((rs, i) -> new Head(rs.getLong(1), orGenesis(rs.getBytes(2))))
                .single();
    }

    static byte[] orGenesis(byte @org.jspecify.annotations.Nullable [] hash) {
        return hash == null ? GENESIS.clone() : hash;
    }

    static OffsetDateTime utc(Instant time) {
        return time.atOffset(ZoneOffset.UTC);
    }

    static AuditEntry read(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                ActorType.of(rs.getString("actor_type")), rs.getString("actor_id"), rs.getString("action"),
                rs.getString("target"), rs.getString("client_address"), rs.getString("user_agent"),
                rs.getString("outcome"), rs.getString("details"), rs.getLong("mac_key"), rs.getBytes("prev_hash"),
                rs.getBytes("hash"));
    }
}
