package org.vaultmail.audit;

import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the chain from the checkpoint to the head and names the first broken link: a missing or
 * reordered sequence number, a previous-hash that does not match, an entry whose MAC does not match
 * its content, a checkpoint or head that was not signed with the audit key.
 */
final class AuditVerifier {

    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final AuditKeys keys;

    AuditVerifier(DataSource dataSource, PlatformTransactionManager transactions, AuditKeys keys) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500); // PostgreSQL streams rows in batches inside a transaction
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.keys = keys;
    }

    ChainVerification verify() {
        return verify(List.of());
    }

    /**
     * Walks the chain and compares it with {@code checkpoints} (signatures already checked): the chain must
     * reach every checkpoint's sequence, and hold the checkpoint's hash there unless a purge removed it.
     */
    ChainVerification verify(List<Checkpoint> checkpoints) {
        Set<Long> wanted = new HashSet<>();
        for (Checkpoint c : checkpoints) wanted.add(c.seq());
        Map<Long, byte[]> seen = new HashMap<>();
        ChainVerification result = readOnly.execute(status -> walk(wanted, seen));
        if (checkpoints.isEmpty()) return result;
        return result.withCheckpoints(checkpoints.size(), List.of(), compare(result, checkpoints, seen));
    }

    /** The first checkpoint the database contradicts: by the chain being too short, or by a different hash. */
    private static ChainVerification.@Nullable Break compare(ChainVerification chain, List<Checkpoint> checkpoints, Map<Long, byte[]> seen) {
        Checkpoint newest = checkpoints.stream().max(Comparator.comparingLong(Checkpoint::seq)).orElseThrow();
        if (newest.seq() > chain.lastSeq()) {
            String found = chain.lastSeq() == 0 ? "an empty audit log (head at sequence 0)" : "the chain ends at sequence " + chain.lastSeq();
            return new ChainVerification.Break(chain.lastSeq() + 1,
                    "chain shorter than a published checkpoint (newest entries removed, or an older copy restored)",
                    "sequence " + newest.seq() + " with hash " + newest.hashHex() + " (" + origin(newest) + ")", found);
        }
        for (Checkpoint c : checkpoints.stream().sorted(Comparator.comparingLong(Checkpoint::seq)).toList()) {
            if (c.seq() < chain.firstSeq()) continue; // removed by a retention purge, which the signed purge checkpoint vouches for
            byte[] hash = seen.get(c.seq());
            if (hash == null) continue; // the walk stopped before it, and reported why
            if (!MessageDigest.isEqual(hash, c.hash())) {
                return new ChainVerification.Break(c.seq(),
                        "entry differs from a published checkpoint (chain replaced, or an older copy restored and continued)",
                        "hash " + c.hashHex() + " (" + origin(c) + ")", "hash " + HEX.formatHex(hash));
            }
        }
        return null;
    }

    private static String origin(Checkpoint c) {
        return "checkpoint of " + c.time() + " by " + c.node() + ", " + c.reason();
    }

    private ChainVerification walk(Set<Long> wanted, Map<Long, byte[]> seen) {
        var chain = jdbc.queryForMap("SELECT last_seq, last_hash, head_mac, first_seq, hash_before_first, checkpoint_mac, mac_key "
                + "FROM audit_chain WHERE id = 1");
        long lastSeq = ((Number) chain.get("last_seq")).longValue();
        byte[] lastHash = AuditChain.orGenesis((byte[]) chain.get("last_hash"));
        byte[] headMac = (byte[]) chain.get("head_mac");
        long firstSeq = ((Number) chain.get("first_seq")).longValue();
        byte[] hashBefore = AuditChain.orGenesis((byte[]) chain.get("hash_before_first"));
        byte[] checkpointMac = (byte[]) chain.get("checkpoint_mac");
        Number macKeyColumn = (Number) chain.get("mac_key");
        long macKey = macKeyColumn == null ? AuditKeys.CURRENT : macKeyColumn.longValue();

        boolean genesis = firstSeq == 1 && Arrays.equals(hashBefore, AuditChain.GENESIS);
        if (checkpointMac == null ? !genesis : !keys.matches(macKey, checkpointMac, Canonical.checkpoint(firstSeq, hashBefore))) {
            return new ChainVerification(0, firstSeq, lastSeq, new ChainVerification.Break(firstSeq,
                    "checkpoint not signed by the audit key", "a signed checkpoint", "first sequence " + firstSeq));
        }
        Walk walk = new Walk(firstSeq, hashBefore, wanted, seen);
        jdbc.query("SELECT seq, occurred_at, actor_type, actor_id, action, target, client_address, user_agent, outcome, "
                + "details, mac_key, prev_hash, hash FROM audit_entry WHERE seq >= ? ORDER BY seq", (RowCallbackHandler) walk, firstSeq);
        if (walk.broken != null) return new ChainVerification(walk.checked, firstSeq, lastSeq, walk.broken);
        long endSeq = walk.expectedSeq - 1;
        if (endSeq != lastSeq) {
            return new ChainVerification(walk.checked, firstSeq, lastSeq, new ChainVerification.Break(endSeq + 1,
                    "entry missing", "sequence " + (endSeq + 1) + " (the head says the chain ends at " + lastSeq + ")",
                    "end of chain at " + endSeq));
        }
        if (!Arrays.equals(lastHash, walk.prev)) {
            return new ChainVerification(walk.checked, firstSeq, lastSeq, new ChainVerification.Break(lastSeq,
                    "head hash", HEX.formatHex(walk.prev), HEX.formatHex(lastHash)));
        }
        boolean emptyGenesis = lastSeq == 0 && headMac == null;
        if (!emptyGenesis && (headMac == null || !keys.matches(macKey, headMac, Canonical.head(lastSeq, lastHash)))) {
            return new ChainVerification(walk.checked, firstSeq, lastSeq, new ChainVerification.Break(lastSeq,
                    "head not signed by the audit key", "a signed head", "head at " + lastSeq));
        }
        return new ChainVerification(walk.checked, firstSeq, lastSeq, null);
    }

    private final class Walk implements RowCallbackHandler {
        long expectedSeq;
        byte[] prev;
        long checked;
        ChainVerification.@Nullable Break broken;
        private final Set<Long> wanted;
        private final Map<Long, byte[]> seen;

        Walk(long firstSeq, byte[] hashBefore, Set<Long> wanted, Map<Long, byte[]> seen) {
            this.expectedSeq = firstSeq;
            this.prev = hashBefore;
            this.wanted = wanted;
            this.seen = seen;
        }

        @Override
        public void processRow(java.sql.ResultSet rs) throws java.sql.SQLException {
            if (broken != null) return;
            long seq = rs.getLong("seq");
            byte[] prevHash = rs.getBytes("prev_hash");
            byte[] hash = rs.getBytes("hash");
            if (seq != expectedSeq) {
                broken = new ChainVerification.Break(expectedSeq, "entry missing", "sequence " + expectedSeq, "sequence " + seq);
                return;
            }
            if (!MessageDigest.isEqual(prev, prevHash)) {
                broken = new ChainVerification.Break(seq, "previous hash", HEX.formatHex(prev), HEX.formatHex(prevHash));
                return;
            }
            byte[] canonical = Canonical.entry(seq, rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                    rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("action"), rs.getString("target"),
                    rs.getString("client_address"), rs.getString("user_agent"), rs.getString("outcome"),
                    rs.getString("details"), rs.getLong("mac_key"), prevHash);
            byte[] expected;
            try {
                expected = keys.mac(rs.getLong("mac_key"), canonical);
            } catch (RuntimeException e) {
                broken = new ChainVerification.Break(seq, "unknown audit key", "a stored audit key", "key " + rs.getLong("mac_key"));
                return;
            }
            if (!MessageDigest.isEqual(expected, hash)) {
                broken = new ChainVerification.Break(seq, "entry hash (content changed)", HEX.formatHex(expected), HEX.formatHex(hash));
                return;
            }
            if (wanted.contains(seq)) seen.put(seq, hash);
            prev = hash;
            expectedSeq++;
            checked++;
        }
    }
}
