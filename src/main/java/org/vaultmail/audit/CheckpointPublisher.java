package org.vaultmail.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.vault.SignedStatement;
import org.vaultmail.vault.Vault;

/**
 * Publishes signed checkpoints of the chain head outside the database (ADR 0028): appended to the
 * checkpoint file under the data directory and written as one log line, so that removing the newest
 * entries, emptying the log or restoring an older copy contradicts something the database cannot change.
 * Any node may publish: every node signs with the same root-derived key, and all describe one chain.
 */
final class CheckpointPublisher {

    private static final Logger log = LoggerFactory.getLogger(CheckpointPublisher.class);

    private final JdbcClient jdbc;
    private final AuditKeys keys;
    private final Vault vault;
    private final CheckpointFile file;
    private final Clock clock;
    private final String node;

    CheckpointPublisher(JdbcClient jdbc, AuditKeys keys, Vault vault, CheckpointFile file, Clock clock, String node) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.vault = vault;
        this.file = file;
        this.clock = clock;
        this.node = node;
    }

    private record Head(long seq, byte @Nullable [] hash, byte @Nullable [] mac, long macKey) {
    }

    CheckpointFile file() {
        return file;
    }

    /**
     * Whether the chain no longer holds what this file last vouched for: then it is never signed (that
     * would look like a fresh start), and the operator is told at once rather than at the next verify.
     */
    private boolean contradictsLastCheckpoint(long seq, byte[] hash) {
        Optional<Checkpoint> last;
        try {
            last = file.last();
        } catch (java.io.UncheckedIOException e) {
            return false; // an unreadable file is reported by verify; publishing still adds evidence
        }
        if (last.isEmpty()) return false;
        Checkpoint c = last.get();
        byte[] there = c.seq() == seq ? hash
                : jdbc.sql("SELECT hash FROM audit_entry WHERE seq = ?").param(c.seq()).query(byte[].class).optional().orElse(null);
        boolean behind = c.seq() > seq;
        boolean differs = there != null && !Arrays.equals(there, c.hash());
        if (!behind && !differs) return false;
        log.error("Audit checkpoint not published: the chain (head at sequence {}) contradicts the last published checkpoint "
                + "(sequence {}, {}): entries removed or an older copy restored; run ./vaultmail audit verify", seq, c.seq(),
                behind ? "beyond the head" : "a different entry there");
        return true;
    }

    /**
     * Signs the committed head and publishes it; empty when the chain is still empty, when the head is
     * not signed by the audit key (then it logs an error instead of vouching for it), or when the file
     * already ends with this head (another node or an earlier interval published it).
     */
    Optional<Checkpoint> publish(String reason) {
        Head head = jdbc.sql("SELECT last_seq, last_hash, head_mac, mac_key FROM audit_chain WHERE id = 1")
                .query((rs, i) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getBytes(3),
                        rs.getObject(4) == null ? AuditKeys.CURRENT : rs.getLong(4)))
                .single();
        long seq = head.seq();
        byte[] hash = head.hash();
        if (seq == 0 || hash == null) return Optional.empty();
        if (head.mac() == null || !keys.matches(head.macKey(), head.mac(), Canonical.head(seq, hash))) {
            log.error("Audit checkpoint not published: the chain head (sequence {}) is not signed by the audit key; "
                    + "run ./vaultmail audit verify", seq);
            return Optional.empty();
        }
        if (contradictsLastCheckpoint(seq, hash)) return Optional.empty();
        var time = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        SignedStatement signed = vault.signStatement(Checkpoint.statement(seq, hash, time, node, reason));
        Checkpoint checkpoint = new Checkpoint(seq, Arrays.copyOf(hash, hash.length), time, node, reason, signed.publicKey(),
                signed.signature());
        try {
            if (!file.append(checkpoint)) return Optional.empty();
        } catch (java.io.UncheckedIOException e) {
            // still logged below: the log line is a checkpoint too; the file's problem is named for the operator
            log.error("Audit checkpoint not written to {}: {}", file.path(), e.getCause().getMessage());
        }
        // the whole signed line, so a copy of the log is itself a checkpoint file (ADR 0028)
        log.atInfo().setMessage("Audit checkpoint: {}").addArgument(checkpoint::jsonLine)
                .addKeyValue("audit.checkpoint.seq", seq).addKeyValue("audit.checkpoint.hash", checkpoint.hashHex())
                .addKeyValue("audit.checkpoint.reason", reason).log();
        return Optional.of(checkpoint);
    }
}
