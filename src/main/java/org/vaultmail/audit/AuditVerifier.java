package org.vaultmail.audit;

import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;

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
        return readOnly.execute(status -> walk());
    }

    private ChainVerification walk() {
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
        Walk walk = new Walk(firstSeq, hashBefore);
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

        Walk(long firstSeq, byte[] hashBefore) {
            this.expectedSeq = firstSeq;
            this.prev = hashBefore;
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
            prev = hash;
            expectedSeq++;
            checked++;
        }
    }
}
